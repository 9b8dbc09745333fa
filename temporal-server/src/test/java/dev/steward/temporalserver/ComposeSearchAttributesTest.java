package dev.steward.temporalserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compose stack's Temporal gets the same search attributes as the dev server. */
class ComposeSearchAttributesTest {

  @Test
  void composeRegistersEverySearchAttributeOfTheDevServer() throws Exception {
    Path compose = Path.of("").toAbsolutePath();
    while (!Files.exists(compose.resolve("docker-compose.yml"))) {
      compose = compose.getParent();
      assertThat(compose).as("docker-compose.yml above the working directory").isNotNull();
    }
    String text = Files.readString(compose.resolve("docker-compose.yml"));
    TemporalDevServer.STEWARD_SEARCH_ATTRIBUTES.forEach(
        (name, type) -> assertThat(text).contains(" " + name + ":" + type));
  }
}
