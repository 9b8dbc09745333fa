package dev.steward.bench;

import java.util.List;

/**
 * Customer questions about the demo shop's policies, written in a customer's words from the
 * help-center's topics (not from its sentences), for the benchmarks that use the demo corpus.
 */
final class ShopQuestions {

  static final List<String> ALL =
      List.of(
          "How long does it take to get my money back after I return something?",
          "Can I send back a cutting board that was engraved with my name?",
          "Who pays the postage when I return an order?",
          "The tracking says delivered but the parcel never arrived. What should I do?",
          "My kettle arrived with a cracked lid, how do I report it?",
          "I forgot my password, how do I get back into my account?",
          "Does the warranty cover a toaster that stopped heating after eight months?",
          "Can I change the delivery address after I placed my order?",
          "Do I have to pay customs or VAT when ordering to Germany?",
          "Will you refund the difference if an item goes on sale a week after I bought it?");

  private ShopQuestions() {}
}
