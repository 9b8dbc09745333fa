package dev.steward.bench;

/**
 * One file of a benchmark corpus as it is uploaded.
 *
 * @param path the file's path relative to the corpus root, with '/' separators
 * @param folder the path's parent folder ("" at the root)
 */
record CorpusDocument(
    String path, String folder, String documentId, String title, String content) {}
