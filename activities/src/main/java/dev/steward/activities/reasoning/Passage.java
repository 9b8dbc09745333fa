package dev.steward.activities.reasoning;

/** A retrieved passage with its text, loaded inside the activity (never carried in history). */
public record Passage(String chunkId, String title, String text) {}
