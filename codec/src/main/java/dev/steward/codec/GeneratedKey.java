package dev.steward.codec;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key the embedded default generated for itself, kept in a file only its owner may read. Its id
 * is random, so that payloads of another data dir fail with "unknown key" rather than a bad tag.
 */
record GeneratedKey(String id, byte[] key) {

  private static final Logger log = LoggerFactory.getLogger(GeneratedKey.class);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  static GeneratedKey readOrCreate(Path file) {
    if (Files.exists(file)) {
      return read(file);
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (POSIX) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      byte[] raw = new byte[32];
      SecureRandom random = new SecureRandom();
      random.nextBytes(raw);
      byte[] suffix = new byte[4];
      random.nextBytes(suffix);
      GeneratedKey generated = new GeneratedKey("local-" + HexFormat.of().formatHex(suffix), raw);
      // Written aside and moved in, so a concurrent start never reads half a file. A temporary
      // file is created readable by its owner only.
      Path partial = Files.createTempFile(dir, ".payload-key", ".tmp");
      generated.write(partial);
      try {
        Files.move(partial, file);
      } catch (FileAlreadyExistsException raced) {
        Files.delete(partial);
        return read(file);
      }
      log.info(
          "generated payload encryption key '{}' in {}; keep this file, or the payloads of this"
              + " data dir's workflows cannot be read",
          generated.id(),
          file);
      return generated;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the payload encryption key " + file, e);
    }
  }

  static GeneratedKey read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        log.warn("the payload encryption key {} is readable by others than its owner", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the payload encryption key " + file, e);
    }
    String id = properties.getProperty("id");
    String key = properties.getProperty("key");
    if (id == null || key == null) {
      throw new IllegalStateException(file + " holds no payload encryption key (id and key)");
    }
    try {
      return new GeneratedKey(id.strip(), Base64.getDecoder().decode(key.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the key in " + file + " is not base64", e);
    }
  }

  private void write(Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(
          """
          # Steward's payload encryption key, generated on first start. Keep it secret, and keep it:
          # without it the inputs and results of this data dir's workflows cannot be read.
          id=%s
          key=%s
          """
              .formatted(id, Base64.getEncoder().encodeToString(key)));
    }
  }
}
