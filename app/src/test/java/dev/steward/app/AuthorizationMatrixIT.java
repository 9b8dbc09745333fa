package dev.steward.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.workflows.task.TaskState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what, walked exhaustively against the real embedded stack: every endpoint, as every
 * role of the task's own tenant and of another tenant, and without credentials, once with the demo
 * API keys and once with JWT bearer tokens signed by a key made for this test.
 *
 * <p>The rules are the {@link #ENDPOINTS} table; the expected answer of each case is derived from
 * it. An allowed case must reach its handler, which answers a status security never gives (202,
 * 409, 422, ...); a denied one gets 401 (no identity), 403 (wrong role) or, for another tenant's
 * task or document, 404, exactly as if it did not exist.
 */
class AuthorizationMatrixIT {

  private static final String ACME = "acme";
  private static final String GLOBEX = "globex";
  private static final String REQUESTER = "requester";
  private static final String APPROVER = "approver";
  private static final String ADMIN = "admin";
  private static final String ENGINEER = "engineer";
  private static final String SENIOR_APPROVER = "senior-approver";
  private static final Set<String> ALL_ROLES =
      Set.of(REQUESTER, APPROVER, SENIOR_APPROVER, ADMIN, ENGINEER);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How an endpoint relates to tenants. */
  enum Scope {
    /** Acts on the caller's own tenant (starting a task, searching) or on none (re-indexing). */
    CALLERS_TENANT,
    /** Names an acme resource: another tenant's caller gets 404, as for a missing one. */
    ACME_RESOURCE,
    /** Lists the caller's tenant: another tenant's caller gets its own list, without acme's ids. */
    TENANT_LIST,
    /** Needs no identity at all. */
    PUBLIC
  }

  /**
   * One row of the matrix.
   *
   * @param path may hold {task} (a finished acme task), {document} (an acme document),
   *     {fresh-document} (an acme document uploaded for this case alone), {reindex} (an id no
   *     re-index has) and {prompt}, {prompt-version}, {prompt-label} (support-answer@1, production)
   * @param roles the roles allowed; empty: nobody
   * @param allowed the status of an allowed call, from the handler
   */
  record Endpoint(
      String method, String path, String body, Set<String> roles, Scope scope, int allowed) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A caller: a name for the report, its tenant and roles, and how it authenticates. */
  record Caller(String name, String tenant, Set<String> roles, Map<String, String> headers) {

    static Caller anonymous() {
      return new Caller("nobody", null, Set.of(), Map.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** One cell: an endpoint called by a caller, and the status the rules say it gets. */
  record Case(Endpoint endpoint, Caller caller, int expected) {

    @Override
    public String toString() {
      return endpoint + " as " + caller + " -> " + expected;
    }
  }

  private static final String DOCUMENT_BODY =
      """
      {"documentId":"%s","title":"Matrix","contentType":"text/markdown",
       "content":"# Matrix\\n\\nThis document exists for the authorization matrix test."}\
      """;

  /** The rules, as SecurityConfig states them and the README documents them. */
  static final List<Endpoint> ENDPOINTS =
      List.of(
          // An unknown task type: refused by the handler (422) without starting anything.
          new Endpoint(
              "POST",
              "/v1/tasks",
              "{\"type\":\"no-such-type\",\"input\":{}}",
              Set.of(REQUESTER, ADMIN),
              Scope.CALLERS_TENANT,
              422),
          new Endpoint("GET", "/v1/tasks", null, ALL_ROLES, Scope.TENANT_LIST, 200),
          new Endpoint("GET", "/v1/tasks/{task}", null, ALL_ROLES, Scope.ACME_RESOURCE, 200),
          // The task has finished, so both handlers answer 409. A rejection is sent, since an
          // approval would first need the action hash of a pending approval (400).
          new Endpoint(
              "POST",
              "/v1/tasks/{task}/cancel",
              null,
              Set.of(REQUESTER, ADMIN),
              Scope.ACME_RESOURCE,
              409),
          new Endpoint(
              "POST",
              "/v1/tasks/{task}/decision",
              "{\"verdict\":\"REJECT\",\"comment\":\"matrix\"}",
              Set.of(APPROVER, SENIOR_APPROVER),
              Scope.ACME_RESOURCE,
              409),
          // Traces: engineers and admins of the task's tenant.
          new Endpoint(
              "GET",
              "/v1/tasks/{task}/trace",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.ACME_RESOURCE,
              200),
          new Endpoint(
              "GET", "/v1/traces?size=5", null, Set.of(ADMIN, ENGINEER), Scope.TENANT_LIST, 200),
          new Endpoint(
              "GET",
              "/v1/traces/feedback-summary",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.TENANT_LIST,
              200),
          // Feedback: a rating out of range is refused by the handler (400) before it checks that
          // the caller started the task, so the matrix stores no feedback.
          new Endpoint(
              "POST",
              "/v1/tasks/{task}/feedback",
              "{\"rating\":0}",
              Set.of(REQUESTER, ADMIN),
              Scope.ACME_RESOURCE,
              400),
          new Endpoint(
              "GET",
              "/v1/approvals",
              null,
              Set.of(APPROVER, SENIOR_APPROVER),
              Scope.TENANT_LIST,
              200),
          new Endpoint(
              "POST",
              "/v1/documents",
              DOCUMENT_BODY.formatted("matrix-upload"),
              Set.of(ADMIN),
              Scope.CALLERS_TENANT,
              202),
          new Endpoint(
              "GET",
              "/v1/documents/{document}",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.ACME_RESOURCE,
              200),
          new Endpoint(
              "DELETE",
              "/v1/documents/{fresh-document}",
              null,
              Set.of(ADMIN),
              Scope.ACME_RESOURCE,
              204),
          new Endpoint(
              "GET",
              "/v1/search?q=refund&k=3",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.CALLERS_TENANT,
              200),
          // A target version below 1: refused by the handler (400) without re-indexing.
          new Endpoint(
              "POST",
              "/v1/admin/reindex",
              "{\"targetVersion\":0}",
              Set.of(ADMIN),
              Scope.CALLERS_TENANT,
              400),
          new Endpoint(
              "GET", "/v1/admin/reindex/{reindex}", null, Set.of(ADMIN), Scope.CALLERS_TENANT, 404),
          // The fixture task has completed: another tenant's export must not show it.
          new Endpoint(
              "GET",
              "/v1/admin/datasets/tasks?status=COMPLETED",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.TENANT_LIST,
              200),
          // Prompts are the deployment's: admins change them, engineers read them. The POST and
          // PUT are refused by their handlers (400: a variable support-answer lacks, a version it
          // lacks), so the matrix changes no prompt.
          new Endpoint(
              "GET", "/v1/admin/prompts", null, Set.of(ADMIN, ENGINEER), Scope.CALLERS_TENANT, 200),
          new Endpoint(
              "GET",
              "/v1/admin/prompts/{prompt}",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.CALLERS_TENANT,
              200),
          new Endpoint(
              "GET",
              "/v1/admin/prompts/{prompt}/versions/{prompt-version}",
              null,
              Set.of(ADMIN, ENGINEER),
              Scope.CALLERS_TENANT,
              200),
          new Endpoint(
              "POST",
              "/v1/admin/prompts/{prompt}/versions",
              "{\"system\":\"Matrix\",\"user\":\"{{noSuchField}}\"}",
              Set.of(ADMIN),
              Scope.CALLERS_TENANT,
              400),
          new Endpoint(
              "PUT",
              "/v1/admin/prompts/{prompt}/labels/{prompt-label}",
              "{\"version\":9999}",
              Set.of(ADMIN),
              Scope.CALLERS_TENANT,
              400),
          // Codec server: decoded payloads span tenants, so engineers only. An empty list of
          // payloads converts to an empty list; signing in sets a cookie, signing out drops it.
          new Endpoint(
              "POST",
              "/codec/decode",
              "{\"payloads\":[]}",
              Set.of(ENGINEER),
              Scope.CALLERS_TENANT,
              200),
          new Endpoint(
              "POST",
              "/codec/encode",
              "{\"payloads\":[]}",
              Set.of(ENGINEER),
              Scope.CALLERS_TENANT,
              200),
          new Endpoint("POST", "/codec/session", null, Set.of(ENGINEER), Scope.CALLERS_TENANT, 200),
          new Endpoint("DELETE", "/codec/session", null, Set.of(), Scope.PUBLIC, 204),
          new Endpoint("GET", "/codec/", null, Set.of(), Scope.PUBLIC, 200),
          // No such endpoint, or no such method: 404 and 405 to anyone signed in.
          new Endpoint("GET", "/v1/no-such-endpoint", null, ALL_ROLES, Scope.CALLERS_TENANT, 404),
          new Endpoint("DELETE", "/v1/tasks/{task}", null, ALL_ROLES, Scope.CALLERS_TENANT, 405),
          new Endpoint("GET", "/inbox/", null, Set.of(), Scope.PUBLIC, 200),
          // Metrics cover every tenant: engineers (and the scraper's engineer key) only.
          new Endpoint(
              "GET", "/actuator/prometheus", null, Set.of(ENGINEER), Scope.CALLERS_TENANT, 200),
          new Endpoint("GET", "/actuator/health", null, Set.of(), Scope.PUBLIC, 200));

  private static KeyPair signingKeys;
  private static EmbeddedSteward steward;
  private static HttpClient http;
  private static String base;
  private static String acmeTask;
  private static final String ACME_DOCUMENT = "matrix-fixture";

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("steward-authz-it");
    Path publicKey = data.resolve("jwt-public-key.pem");
    Files.writeString(
        publicKey,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(signingKeysOrNew().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    steward =
        EmbeddedSteward.start(
            data,
            Map.of(
                "server.port",
                0,
                "steward.demo-corpus.enabled",
                false,
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                publicKey.toUri().toString()));
    http = HttpClient.newHttpClient();
    base = "http://localhost:" + steward.port();
    StewardHttp plain = new StewardHttp(steward.port());
    plain.awaitHealthy(Duration.ofSeconds(120));

    // A finished acme task: it answers GET with 200 and cancel or decision with 409, always.
    var started =
        plain.post(
            "/v1/tasks",
            StewardHttp.REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"Do gift cards expire?\"}}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    acmeTask = started.json().path("taskId").asString();
    // Waits for the end instead of cancelling at once: a cancel that lands while an activity
    // completes sometimes left the in-process test server failing the run's workflow tasks for
    // good (ACTIVITY_UNKNOWN), and the cases only need a finished task.
    plain.awaitTask(
        acmeTask,
        StewardHttp.REQUESTER,
        s -> !s.equals("RUNNING") && !s.equals("AWAITING_APPROVAL"),
        Duration.ofSeconds(120));
    assertThat(plain.awaitListing("/v1/tasks", StewardHttp.REQUESTER, acmeTask).body())
        .contains(acmeTask);
    // The state is final while the run still writes its last read-model record; the cases below
    // need the run closed, so wait for Temporal to say so.
    awaitClosed(acmeTask);

    var document =
        plain.post("/v1/documents", StewardHttp.ADMIN, DOCUMENT_BODY.formatted(ACME_DOCUMENT));
    assertThat(document.status()).as(document.body()).isEqualTo(202);
  }

  private static void awaitClosed(String taskId) {
    WorkflowStub run =
        steward.context().getBean(WorkflowClient.class).newUntypedWorkflowStub(taskId);
    try {
      run.getResult(60, TimeUnit.SECONDS, TaskState.class);
    } catch (WorkflowFailedException expected) {
      // A cancelled run ends Canceled: closed, which is all the cases need.
    } catch (TimeoutException e) {
      throw new AssertionError("task " + taskId + " did not close", e);
    }
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  /** The demo API keys (README): acme has every role, globex a requester and an approver. */
  static List<Caller> apiKeyCallers() {
    return List.of(
        Caller.anonymous(),
        apiKey("alice (acme requester, API key)", ACME, "demo-requester-key", REQUESTER),
        apiKey("bob (acme approver, API key)", ACME, "demo-approver-key", APPROVER),
        apiKey("carol (acme admin+engineer, API key)", ACME, "demo-admin-key", ADMIN, ENGINEER),
        apiKey("dave (acme engineer, API key)", ACME, "demo-engineer-key", ENGINEER),
        apiKey("erin (globex requester, API key)", GLOBEX, "globex-requester-key", REQUESTER),
        apiKey("frank (globex approver, API key)", GLOBEX, "globex-approver-key", APPROVER));
  }

  /** A token for each role in each tenant: the cells the demo keys leave out. */
  static List<Caller> jwtCallers() {
    List<Caller> callers = new ArrayList<>();
    for (String tenant : List.of(ACME, GLOBEX)) {
      for (String role : List.of(REQUESTER, APPROVER, SENIOR_APPROVER, ADMIN, ENGINEER)) {
        String name = tenant + "-" + role;
        callers.add(
            new Caller(
                name + " (JWT)",
                tenant,
                Set.of(role),
                bearer(Map.of("sub", name, "tenant", tenant, "roles", List.of(role)))));
      }
    }
    return callers;
  }

  static Stream<Case> matrix() {
    List<Caller> callers = new ArrayList<>(apiKeyCallers());
    callers.addAll(jwtCallers());
    return ENDPOINTS.stream()
        .flatMap(
            endpoint -> callers.stream().map(c -> new Case(endpoint, c, expected(endpoint, c))));
  }

  /** The status the rules give: the matrix itself. */
  static int expected(Endpoint endpoint, Caller caller) {
    if (endpoint.scope() == Scope.PUBLIC) {
      return endpoint.allowed();
    }
    if (caller.tenant() == null) {
      return 401;
    }
    if (caller.roles().stream().noneMatch(endpoint.roles()::contains)) {
      return 403;
    }
    if (endpoint.scope() == Scope.ACME_RESOURCE && !caller.tenant().equals(ACME)) {
      return 404;
    }
    return endpoint.allowed();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void answersAsTheRulesSay(Case c) throws Exception {
    String path = resolve(c.endpoint().path());
    Reply reply = send(c.endpoint().method(), path, c.caller().headers(), c.endpoint().body());

    assertThat(reply.status()).as(c + "\n" + reply.body()).isEqualTo(c.expected());
    if (c.expected() >= 400) {
      assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
    }
    if (c.expected() == 404 && c.endpoint().scope() == Scope.ACME_RESOURCE) {
      // Another tenant learns nothing: the same answer as for an id that never existed.
      String missing =
          c.endpoint()
              .path()
              .replace("{task}", ACME + ".no-such-task")
              .replace("{document}", "no-such-document")
              .replace("{fresh-document}", "no-such-document");
      Reply never = send(c.endpoint().method(), missing, c.caller().headers(), c.endpoint().body());
      assertThat(never.status()).as(never.body()).isEqualTo(404);
      assertThat(reply.json().path("type")).isEqualTo(never.json().path("type"));
      assertThat(reply.json().path("title")).isEqualTo(never.json().path("title"));
    }
    if (c.endpoint().scope() == Scope.TENANT_LIST && c.expected() == 200) {
      if (c.caller().tenant().equals(ACME) && c.endpoint().path().equals("/v1/tasks")) {
        assertThat(reply.body()).contains(acmeTask);
      } else if (!c.caller().tenant().equals(ACME)) {
        assertThat(reply.body()).doesNotContain(acmeTask).doesNotContain("\"acme\"");
      }
    }
    if (c.expected() == 200 && c.endpoint().path().equals("/v1/tasks/{task}")) {
      assertThat(reply.json().path("taskId").asString()).isEqualTo(acmeTask);
    }
  }

  /** A new endpoint fails here until it has a row, and so a rule someone thought about. */
  @Test
  void everyEndpointOfTheApiIsInTheMatrix() {
    RequestMappingHandlerMapping mappings =
        steward
            .context()
            .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach((info, handler) -> {
          if (!handler.getBeanType().getPackageName().startsWith("dev.steward.api")) {
            return;
          }
          for (String pattern : info.getPatternValues()) {
            for (var method : info.getMethodsCondition().getMethods()) {
              served.add(method.name() + " " + pattern.replaceAll("\\{[^}]*}", "{}"));
            }
          }
        });
    Set<String> inMatrix = new TreeSet<>();
    for (Endpoint e : ENDPOINTS) {
      inMatrix.add(
          e.method() + " " + e.path().replaceAll("\\?.*", "").replaceAll("\\{[^}]*}", "{}"));
    }
    assertThat(served).isNotEmpty();
    assertThat(inMatrix).containsAll(served);
  }

  @Test
  void jwtPrincipalIsTheOneThatActs() throws Exception {
    Map<String, String> headers =
        bearer(Map.of("sub", "zoe-admin", "tenant", ACME, "roles", List.of(ADMIN)));
    String id = "matrix-jwt-" + UUID.randomUUID().toString().substring(0, 8);
    Reply upload = send("POST", "/v1/documents", headers, DOCUMENT_BODY.formatted(id));
    assertThat(upload.status()).as(upload.body()).isEqualTo(202);
    // The document landed in the token's tenant: acme's API-key admin sees it.
    Reply status = send("GET", "/v1/documents/" + id, Map.of("X-API-Key", "demo-admin-key"), null);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.json().path("tenant").asString()).isEqualTo(ACME);
  }

  @Test
  void refusesTokensThatDoNotSayWhoAndWhere() throws Exception {
    assertUnauthorized(
        bearer(Map.of("sub", "x", "roles", List.of(REQUESTER))), "no 'tenant' claim");
    assertUnauthorized(
        bearer(Map.of("sub", "x", "tenant", ACME, "roles", List.of("superuser"))),
        "unknown roles [superuser]");
    assertUnauthorized(bearer(Map.of("sub", "x", "tenant", ACME)), "no roles");
  }

  @Test
  void refusesTokensThatAreNotValid() throws Exception {
    Map<String, Object> claims = Map.of("sub", "x", "tenant", ACME, "roles", List.of(REQUESTER));
    Instant past = Instant.now().minus(Duration.ofHours(2));
    assertUnauthorized(
        Map.of("Authorization", "Bearer " + token(claims, signingKeys, past)), "expired");

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair stranger = generator.generateKeyPair();
    assertUnauthorized(
        Map.of("Authorization", "Bearer " + token(claims, stranger, Instant.now())), null);
    assertUnauthorized(Map.of("Authorization", "Bearer not.a.jwt"), null);
    assertUnauthorized(Map.of("X-API-Key", "not-a-key"), "API key");
  }

  private static void assertUnauthorized(Map<String, String> headers, String detail)
      throws Exception {
    Reply reply = send("GET", "/v1/tasks", headers, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.path("type").asString()).endsWith("/unauthenticated");
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (detail != null) {
      assertThat(problem.path("detail").asString()).contains(detail);
    }
  }

  private static String resolve(String path) throws Exception {
    if (path.contains("{fresh-document}")) {
      String id = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
      Reply upload =
          send(
              "POST",
              "/v1/documents",
              Map.of("X-API-Key", "demo-admin-key"),
              DOCUMENT_BODY.formatted(id));
      assertThat(upload.status()).as(upload.body()).isEqualTo(202);
      path = path.replace("{fresh-document}", id);
    }
    return path.replace("{task}", acmeTask)
        .replace("{document}", ACME_DOCUMENT)
        .replace("{reindex}", "no-such-reindex")
        .replace("{prompt}", "support-answer")
        .replace("{prompt-version}", "1")
        .replace("{prompt-label}", "production");
  }

  private static Caller apiKey(String name, String tenant, String key, String... roles) {
    return new Caller(name, tenant, Set.of(roles), Map.of("X-API-Key", key));
  }

  private static Map<String, String> bearer(Map<String, Object> claims) {
    try {
      return Map.of("Authorization", "Bearer " + token(claims, signingKeysOrNew(), Instant.now()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Made on first use, whether the server's start or a method source needs it first. */
  private static synchronized KeyPair signingKeysOrNew() {
    if (signingKeys == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signingKeys = generator.generateKeyPair();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return signingKeys;
  }

  private static String token(Map<String, Object> claims, KeyPair keys, Instant issuedAt)
      throws JOSEException {
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder()
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(30))));
    new LinkedHashMap<>(claims).forEach(set::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
    jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
    return jwt.serialize();
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private static Reply send(String method, String path, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }
}
