package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;

/** Turns one format's raw content into sections; throws IllegalArgumentException if unreadable. */
interface DocumentParser {

  DocumentFormat format();

  /**
   * @param text the content of a text format, else null
   * @param data the bytes of a binary format, else null
   */
  ParsedDocument parse(String text, byte[] data);
}
