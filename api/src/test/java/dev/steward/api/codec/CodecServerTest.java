package dev.steward.api.codec;

import static dev.steward.api.ApiSliceConfiguration.ENGINEER;
import static dev.steward.api.ApiSliceConfiguration.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.api.ApiSliceConfiguration;
import dev.steward.codec.AesGcmPayloadCodec;
import dev.steward.codec.CodecKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import jakarta.servlet.http.Cookie;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The codec server over MockMvc with the real security: protocol, roles, cookie and CORS. */
@WebMvcTest({CodecController.class, CodecSessionController.class})
@Import({ApiSliceConfiguration.class, CodecServerConfiguration.class, CodecServerTest.Keys.class})
class CodecServerTest {

  private static final String UI = "http://127.0.0.1:8233";
  private static final String QUESTION = "Where is my parcel? Write to jane.doe@example.com";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired MockMvc mvc;
  @Autowired AesGcmPayloadCodec codec;

  @TestConfiguration(proxyBeanMethods = false)
  static class Keys {
    @Bean
    AesGcmPayloadCodec payloadCodec() {
      return new AesGcmPayloadCodec(CodecKeys.of(Map.of("k1", new byte[32]), "k1"));
    }
  }

  @Test
  void decodesWhatTheWorkersEncryptedForAnEngineer() throws Exception {
    Payload plain = DefaultDataConverter.newDefaultInstance().toPayload(QUESTION).orElseThrow();
    Payload encrypted = codec.encode(List.of(plain)).getFirst();

    JsonNode decoded = payloads(mvc.perform(decode(body(encrypted)).header("X-API-Key", ENGINEER)));

    assertThat(text(decoded.get(0).path("metadata").path("encoding"))).isEqualTo("json/plain");
    assertThat(text(decoded.get(0).path("data"))).isEqualTo("\"" + QUESTION + "\"");
  }

  @Test
  void encodesSoThatTheWorkersCanDecrypt() throws Exception {
    Payload plain = DefaultDataConverter.newDefaultInstance().toPayload(QUESTION).orElseThrow();

    JsonNode encoded =
        payloads(
            mvc.perform(
                post("/codec/encode")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body(plain))
                    .header("X-API-Key", ENGINEER)));

    assertThat(text(encoded.get(0).path("metadata").path("encoding")))
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    Payload back =
        new CodecPayloads.WirePayload(
                Map.of(
                    "encoding",
                    bytes(encoded.get(0).path("metadata").path("encoding")),
                    AesGcmPayloadCodec.KEY_ID,
                    bytes(encoded.get(0).path("metadata").path(AesGcmPayloadCodec.KEY_ID))),
                bytes(encoded.get(0).path("data")))
            .toPayload();
    assertThat(codec.decode(List.of(back))).containsExactly(plain);
  }

  @Test
  void passesUnencryptedPayloadsThrough() throws Exception {
    Payload plain = DefaultDataConverter.newDefaultInstance().toPayload(QUESTION).orElseThrow();

    JsonNode decoded = payloads(mvc.perform(decode(body(plain)).header("X-API-Key", ENGINEER)));

    assertThat(text(decoded.get(0).path("data"))).isEqualTo("\"" + QUESTION + "\"");
  }

  @Test
  void saysWhichPayloadItCannotDecode() throws Exception {
    Payload foreign =
        new AesGcmPayloadCodec(CodecKeys.of(Map.of("retired", new byte[32]), "retired"))
            .encode(List.of(Payload.getDefaultInstance()))
            .getFirst();

    mvc.perform(decode(body(Payload.getDefaultInstance(), foreign)).header("X-API-Key", ENGINEER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("payloads[1] could not be decoded")))
        .andExpect(jsonPath("$.detail", containsString("key 'retired', which is not configured")));
  }

  @Test
  void isForEngineersOnly() throws Exception {
    mvc.perform(decode("{\"payloads\":[]}")).andExpect(status().isUnauthorized());
    mvc.perform(decode("{\"payloads\":[]}").header("X-API-Key", REQUESTER))
        .andExpect(status().isForbidden());
    mvc.perform(post("/codec/session").header("X-API-Key", REQUESTER))
        .andExpect(status().isForbidden());
  }

  @Test
  void anEngineerSignsInOnceAndTheUiDecodesWithTheCookie() throws Exception {
    MvcResult signIn =
        mvc.perform(post("/codec/session").header("X-API-Key", ENGINEER))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.principal").value("dave-engineer"))
            .andReturn();
    String setCookie = signIn.getResponse().getHeader("Set-Cookie");
    assertThat(setCookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/codec")
        .contains("Max-Age=3600");
    Cookie session = signIn.getResponse().getCookie(CodecSessions.COOKIE);

    mvc.perform(decode("{\"payloads\":[]}").cookie(session).header("X-Namespace", "default"))
        .andExpect(status().isOk());
    // Without the UI's custom header the cookie counts for nothing (no preflight was needed).
    mvc.perform(decode("{\"payloads\":[]}").cookie(session)).andExpect(status().isUnauthorized());
    // Nor anywhere else in the API.
    mvc.perform(get("/v1/tasks").cookie(session).header("X-Namespace", "default"))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/codec/session").cookie(session)).andExpect(status().isUnauthorized());

    mvc.perform(delete("/codec/session"))
        .andExpect(status().isNoContent())
        .andExpect(header().string("Set-Cookie", containsString("Max-Age=0")));
  }

  @Test
  void refusesAForgedCookieWithAProblem() throws Exception {
    mvc.perform(
            decode("{\"payloads\":[]}")
                .cookie(new Cookie(CodecSessions.COOKIE, "ZGF2ZQ.YWNtZQ.9999999999.AAAA"))
                .header("X-Namespace", "default"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail", containsString("sign in again at /codec/")));
  }

  @Test
  void letsOnlyTheTemporalUiOriginCallFromABrowser() throws Exception {
    mvc.perform(preflight("/codec/decode", UI))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", UI))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"));
    mvc.perform(preflight("/codec/decode", "https://evil.example"))
        .andExpect(status().isForbidden());
    // The rest of the API offers no CORS at all.
    mvc.perform(preflight("/v1/tasks", UI))
        .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
  }

  private static MockHttpServletRequestBuilder preflight(String path, String origin) {
    return options(path)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace");
  }

  private static MockHttpServletRequestBuilder decode(String body) {
    return post("/codec/decode").contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private static String body(Payload... payloads) {
    return JSON.writeValueAsString(CodecPayloads.of(List.of(payloads)));
  }

  private static JsonNode payloads(org.springframework.test.web.servlet.ResultActions result)
      throws Exception {
    String json = result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return JSON.readTree(json).path("payloads");
  }

  private static byte[] bytes(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asString());
  }

  private static String text(JsonNode base64) {
    return new String(bytes(base64), java.nio.charset.StandardCharsets.UTF_8);
  }
}
