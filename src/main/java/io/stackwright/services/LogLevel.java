package io.stackwright.services;

/** Log verbosity passed to an application as {@code LOG_LEVEL}; written in lower case in YAML. */
public enum LogLevel {
  /** Everything, including per-request detail. */
  TRACE,
  /** Diagnostic detail for development. */
  DEBUG,
  /** Normal operation. */
  INFO,
  /** Only what needs attention. */
  WARN,
  /** Only failures. */
  ERROR
}
