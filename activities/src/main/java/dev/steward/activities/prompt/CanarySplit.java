package dev.steward.activities.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which new tasks a canary takes: each task id falls in a bucket 0..99 by a hash of the id, and a
 * canary of {@code p} percent takes buckets below {@code p}. The same task always lands in the same
 * bucket, on every worker and after every restart, so a retried resolution gives the same answer;
 * and raising {@code p} only adds tasks to the canary, never swaps them.
 */
public final class CanarySplit {

  public static final int BUCKETS = 100;

  private CanarySplit() {}

  /**
   * The task's bucket, 0..99: the first four bytes of the SHA-256 of its id, as an unsigned number,
   * modulo 100 (the bias of 2^32 mod 100 is below one in forty million).
   */
  public static int bucket(String taskId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
      long first =
          ((digest[0] & 0xFFL) << 24)
              | ((digest[1] & 0xFFL) << 16)
              | ((digest[2] & 0xFFL) << 8)
              | (digest[3] & 0xFFL);
      return (int) (first % BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether a canary taking {@code percent} of new tasks takes this one. */
  public static boolean takes(String taskId, int percent) {
    return bucket(taskId) < percent;
  }
}
