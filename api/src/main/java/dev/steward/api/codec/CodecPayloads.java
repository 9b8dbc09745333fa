package dev.steward.api.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of Temporal's remote codec protocol, both ways: payloads as protobuf's JSON writes them,
 * metadata values and data in base64 (which Jackson reads and writes for {@code byte[]}).
 */
record CodecPayloads(List<WirePayload> payloads) {

  CodecPayloads {
    payloads = payloads == null ? List.of() : List.copyOf(payloads);
  }

  /** One payload on the wire. */
  record WirePayload(Map<String, byte[]> metadata, byte[] data) {

    static WirePayload of(Payload payload) {
      Map<String, byte[]> metadata = new LinkedHashMap<>();
      payload.getMetadataMap().forEach((key, value) -> metadata.put(key, value.toByteArray()));
      return new WirePayload(metadata, payload.getData().toByteArray());
    }

    Payload toPayload() {
      Payload.Builder payload = Payload.newBuilder();
      if (metadata != null) {
        metadata.forEach((key, value) ->
            payload.putMetadata(key, ByteString.copyFrom(value == null ? new byte[0] : value)));
      }
      if (data != null) {
        payload.setData(ByteString.copyFrom(data));
      }
      return payload.build();
    }
  }

  List<Payload> toPayloads() {
    return payloads.stream().map(WirePayload::toPayload).toList();
  }

  static CodecPayloads of(List<Payload> payloads) {
    return new CodecPayloads(payloads.stream().map(WirePayload::of).toList());
  }
}
