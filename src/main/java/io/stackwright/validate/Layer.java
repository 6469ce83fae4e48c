package io.stackwright.validate;

/** The layers of the validation gate after the model's own checks, in the order they run. */
public enum Layer {
  /** The policy rules, in Java, on the rendered output; always runs. */
  POLICY("policy"),
  /**
   * The Kubernetes objects and the Compose file of each environment compared with each other
   * ({@link io.stackwright.validate.policy.Parity}); always runs.
   */
  PARITY("parity"),
  /** {@code kubeconform -strict} against the target Kubernetes version's JSON schemas. */
  KUBECONFORM("kubeconform"),
  /** The Compose CLI's {@code config -q} on each Compose file. */
  COMPOSE("compose"),
  /** {@code nginx -t} on each generated {@code nginx.conf} ({@link NginxCheck}). */
  NGINX("nginx"),
  /** {@code promtool check config} on each generated {@code prometheus.yml} ({@link Promtool}). */
  PROMTOOL("promtool"),
  /** redis-server started with each generated {@code redis.conf} ({@link RedisCheck}). */
  REDIS("redis"),
  /** PostgreSQL started with each generated {@code postgresql.conf} ({@link PostgresCheck}). */
  POSTGRESQL("postgresql");

  private final String label;

  Layer(String label) {
    this.label = label;
  }

  /** {@return how summaries and reports name the layer} */
  public String label() {
    return label;
  }
}
