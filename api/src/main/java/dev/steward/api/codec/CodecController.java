package dev.steward.api.codec;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec endpoints, for the Temporal UI and CLI: payloads in, payloads out, run
 * through the same codec the workers use. With encryption switched off both pass payloads through.
 */
@RestController
@RequestMapping(
    path = "/codec",
    consumes = MediaType.APPLICATION_JSON_VALUE,
    produces = MediaType.APPLICATION_JSON_VALUE)
class CodecController {

  private static final Logger log = LoggerFactory.getLogger(CodecController.class);

  private final AesGcmPayloadCodec codec;

  CodecController(ObjectProvider<AesGcmPayloadCodec> codec) {
    this.codec = codec.getIfAvailable();
  }

  /** The namespace is logged only: every namespace of this deployment shares the key ring. */
  @PostMapping("/decode")
  CodecPayloads decode(
      @RequestBody CodecPayloads body,
      @RequestHeader(name = "X-Namespace", required = false) String namespace) {
    log.debug("decoding {} payloads of namespace {}", body.payloads().size(), namespace);
    return CodecPayloads.of(each(body.toPayloads(), "decoded", this::decodeOne));
  }

  @PostMapping("/encode")
  CodecPayloads encode(@RequestBody CodecPayloads body) {
    return CodecPayloads.of(each(body.toPayloads(), "encoded", this::encodeOne));
  }

  private Payload decodeOne(Payload payload) {
    return codec == null ? payload : codec.decode(List.of(payload)).getFirst();
  }

  private Payload encodeOne(Payload payload) {
    return codec == null ? payload : codec.encode(List.of(payload)).getFirst();
  }

  /** One payload at a time, so that an error can say which one could not be converted. */
  private static List<Payload> each(
      List<Payload> payloads, String verb, UnaryOperator<Payload> convert) {
    List<Payload> converted = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      try {
        converted.add(convert.apply(payloads.get(i)));
      } catch (PayloadCodecException e) {
        throw new ProblemException(
            Problem.INVALID_REQUEST,
            "payloads[" + i + "] could not be " + verb + ": " + e.getMessage());
      }
    }
    return converted;
  }
}
