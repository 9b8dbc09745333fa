package dev.steward.api.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.api.ApiSliceConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Security alone, with no JWT issuer or key configured (the default): bearer tokens are refused
 * with a problem detail that says why, and API keys work as before. No controller is loaded, so an
 * authenticated request ends in 404.
 */
@WebMvcTest(useDefaultFilters = false)
@Import(ApiSliceConfiguration.class)
class BearerTokensWithoutIssuerTest {

  private static final String SOME_JWT =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4IiwidGVuYW50IjoiYWNtZSIsInJvbGVzIjpbImFkbWluIl19.c2ln";

  @Autowired MockMvc mvc;

  @Test
  void refusesBearerTokensAsProblemDetails() throws Exception {
    mvc.perform(get("/v1/tasks").header(HttpHeaders.AUTHORIZATION, "Bearer " + SOME_JWT))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/unauthenticated"))
        .andExpect(jsonPath("$.detail", containsString("accepts no bearer tokens")))
        .andExpect(jsonPath("$.detail", containsString("X-API-Key")));
  }

  @Test
  void apiKeysKeepWorking() throws Exception {
    mvc.perform(get("/v1/tasks").header("X-API-Key", ApiSliceConfiguration.REQUESTER))
        .andExpect(status().isNotFound());
  }

  @Test
  void withoutCredentialsOnlyApiKeysAreOffered() throws Exception {
    mvc.perform(get("/v1/tasks"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "ApiKey"))
        .andExpect(jsonPath("$.detail", containsString("X-API-Key")));
  }
}
