package dev.steward.api.codec;

import dev.steward.api.security.StewardPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs an engineer in to the codec server: the engineer proves who they are with their API key or
 * token once, and gets the session cookie the Temporal UI's calls then carry.
 */
@RestController
@RequestMapping("/codec/session")
class CodecSessionController {

  private final CodecSessions sessions;

  CodecSessionController(CodecSessions sessions) {
    this.sessions = sessions;
  }

  /** Who is signed in, and until when. */
  record CodecSession(String principal, String tenant, Instant expiresAt) {}

  @PostMapping
  ResponseEntity<CodecSession> signIn(
      @AuthenticationPrincipal StewardPrincipal principal, HttpServletRequest request) {
    CodecSessions.Session session = sessions.issue(principal);
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, sessions.cookie(session, request.isSecure()).toString())
        .body(new CodecSession(principal.name(), principal.tenant(), session.expiresAt()));
  }

  /** Anyone may drop the cookie of their own browser; nothing is kept on the server. */
  @DeleteMapping
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    return ResponseEntity.noContent()
        .header(HttpHeaders.SET_COOKIE, sessions.cleared(request.isSecure()).toString())
        .build();
  }
}
