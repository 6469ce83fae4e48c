package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Memory;
import java.util.regex.Pattern;

/**
 * Scheduled {@code pg_dump} backups of PostgreSQL to a volume of their own ({@code
 * postgres.backup:}). Kubernetes only (a CronJob); Compose has no scheduler.
 *
 * @param schedule cron schedule, five fields, UTC. Default: {@code 30 2 * * *} (02:30 daily).
 * @param retentionDays dumps older than this many days are deleted after each run, 1–3650. Default:
 *     7.
 * @param storage capacity of the backup volume. Default: {@code 10Gi}.
 * @param storageClass StorageClass of the backup volume. Default: the cluster's default.
 */
public record BackupProps(
    String schedule, Integer retentionDays, Memory storage, String storageClass) {
  private static final Pattern FIELD = Pattern.compile("[0-9*/,-]+");

  /** Applies the defaults and checks the schedule. */
  public BackupProps {
    schedule = schedule == null ? "30 2 * * *" : schedule.trim();
    String[] fields = schedule.split("\\s+");
    boolean valid = fields.length == 5;
    for (String field : fields) {
      valid &= FIELD.matcher(field).matches();
    }
    if (!valid) {
      throw new InvalidPropException(
          "schedule",
          "\"" + schedule + "\" is not a five-field cron schedule",
          "write minute hour day-of-month month day-of-week with digits, '*', '/', ',' and '-',"
              + " such as \"30 2 * * *\"");
    }
    retentionDays = Range.check("retentionDays", retentionDays, 7, 1, 3650);
    storage = storage == null ? Memory.gibibytes(10) : storage;
    Range.storageClass(storageClass);
  }
}
