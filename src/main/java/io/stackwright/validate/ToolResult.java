package io.stackwright.validate;

import java.util.List;
import java.util.Map;

/**
 * What one tool run found, by environment, or why it could not run; and when it ran.
 *
 * @param findings the findings of each environment it reported on
 * @param failures why the tool could not run or be read, if it could not
 * @param started {@link System#nanoTime()} when it began
 * @param finished {@link System#nanoTime()} when it was done
 */
record ToolResult(
    Map<String, List<Finding>> findings, List<String> failures, long started, long finished) {}
