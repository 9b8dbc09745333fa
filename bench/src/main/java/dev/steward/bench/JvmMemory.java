package dev.steward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another JVM's memory, read from outside with {@code jcmd} and {@code /proc}: heap used right
 * after full collections, and what the process holds beyond the heap (thread stacks above all,
 * which a heap figure never shows). The JVM must run with {@code -XX:NativeMemoryTracking=summary}
 * for the native figures.
 *
 * @param heapUsedKb heap in use after two full collections
 * @param heapCommittedKb heap the JVM holds from the OS
 * @param nativeCommittedKb everything the JVM committed (Native Memory Tracking's total)
 * @param threadStacksCommittedKb thread stacks committed (NMT's Thread category)
 * @param threads live platform threads
 * @param rssKb resident set size of the process
 */
record JvmMemory(
    long heapUsedKb,
    long heapCommittedKb,
    long nativeCommittedKb,
    long threadStacksCommittedKb,
    long threads,
    long rssKb) {

  private static final Pattern HEAP =
      Pattern.compile("heap\\s+total(?: reserved \\d+K,)? committed (\\d+)K, used (\\d+)K");
  private static final Pattern HEAP_OLD = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern NMT_THREAD =
      Pattern.compile("Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

  /** Collects twice (the second frees what the first only made unreachable), then reads. */
  static JvmMemory afterFullGc(long pid) {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    String heap = jcmd(pid, "GC.heap_info");
    String nmt = jcmd(pid, "VM.native_memory", "summary");
    String status = read(Path.of("/proc", String.valueOf(pid), "status"));
    Matcher h = HEAP.matcher(heap);
    long committed;
    long used;
    if (h.find()) {
      committed = Long.parseLong(h.group(1));
      used = Long.parseLong(h.group(2));
    } else {
      Matcher old = HEAP_OLD.matcher(heap);
      if (!old.find()) {
        throw new IllegalStateException("unexpected GC.heap_info output: " + heap);
      }
      committed = Long.parseLong(old.group(1));
      used = Long.parseLong(old.group(2));
    }
    return new JvmMemory(
        used,
        committed,
        find(NMT_TOTAL, nmt),
        find(NMT_THREAD, nmt),
        find(THREADS, status),
        find(RSS, status));
  }

  private static long find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String jcmd(long pid, String... command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
