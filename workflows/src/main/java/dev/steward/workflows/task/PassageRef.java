package dev.steward.workflows.task;

/** A retrieved passage by reference: its text stays in Elasticsearch, never in workflow history. */
public record PassageRef(
    String chunkId, String documentId, String title, int position, double score) {}
