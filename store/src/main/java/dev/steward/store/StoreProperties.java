package dev.steward.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Steward's Elasticsearch indices.
 *
 * @param replicas replicas per index: 0 on a single node, 1 or more on a cluster
 */
@ConfigurationProperties("steward.elasticsearch")
public record StoreProperties(Integer replicas) {
  public StoreProperties {
    replicas = replicas == null ? 0 : replicas;
  }
}
