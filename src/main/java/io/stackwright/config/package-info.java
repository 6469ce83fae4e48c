/**
 * Generators of the configuration files the services mount: {@code postgresql.conf}, {@code
 * redis.conf}, {@code nginx.conf} and {@code prometheus.yml}. Each is a pure function from typed
 * values to text, derived from the model rather than written per environment, so that a change of
 * size or route in Java changes the file. Output is deterministic and ends with a newline.
 *
 * <p>Internal, but for {@link io.stackwright.config.EvictionPolicy}, a value of the Redis props:
 * the public API is listed in docs/library.md.
 */
package io.stackwright.config;
