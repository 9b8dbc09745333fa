package dev.steward.e2e;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The help-center documents the suite ingests through the API, each short enough to be one chunk,
 * and the sentence of each that the model's grounded answers repeat.
 */
final class E2eCorpus {

  record Document(String id, String title, String content, String claim) {}

  static final List<Document> DOCUMENTS =
      List.of(
          new Document(
              "e2e-returns",
              "Returning an item",
              "Items can be returned within 30 days of delivery for a full refund. Returned items"
                  + " must be unused and in their original packaging. Opened items that are not"
                  + " damaged can be returned for store credit only. To start a return, open your"
                  + " order history and choose the item you want to send back.",
              "Items can be returned within 30 days of delivery for a full refund."),
          new Document(
              "e2e-refunds",
              "Refunds for damaged items",
              "Damaged or defective items are refunded in full, including the original shipping"
                  + " fee. Refunds are issued to the original payment method within five business"
                  + " days after the returned item arrives at our warehouse. Refunds above one"
                  + " hundred dollars are reviewed by a member of the support team before they"
                  + " are paid.",
              "Damaged or defective items are refunded in full, including the original shipping"
                  + " fee."),
          new Document(
              "e2e-shipping",
              "Shipping times",
              "Standard shipping takes three to five business days within the country. Express"
                  + " shipping delivers the next business day when ordered before noon. Every"
                  + " order ships with a tracking number sent by email.",
              "Standard shipping takes three to five business days within the country."));

  /** Document id to the sentence an answer citing it states. */
  static Map<String, String> claims() {
    return DOCUMENTS.stream().collect(Collectors.toMap(Document::id, Document::claim));
  }

  private E2eCorpus() {}
}
