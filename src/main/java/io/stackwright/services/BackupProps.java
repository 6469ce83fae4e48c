package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.CronSchedule;
import io.stackwright.model.Memory;

/**
 * Scheduled {@code pg_dump} backups of PostgreSQL to a volume of their own ({@code
 * postgres.backup:}). Kubernetes only (a CronJob); Compose has no scheduler.
 *
 * @param schedule cron schedule, five fields or a descriptor such as {@code @daily}, in the
 *     cluster's time zone, checked as the API server checks it (see {@link CronSchedule}). Default:
 *     {@code 30 2 * * *} (02:30 daily).
 * @param retentionDays dumps older than this many days are deleted after each run, 1–3650. Default:
 *     7.
 * @param storage capacity of the backup volume. Default: {@code 10Gi}.
 * @param storageClass StorageClass of the backup volume. Default: the cluster's default.
 */
public record BackupProps(
    String schedule, Integer retentionDays, Memory storage, String storageClass) {
  /**
   * Applies the defaults and checks the schedule.
   *
   * @param schedule see {@link #schedule()}
   * @param retentionDays see {@link #retentionDays()}
   * @param storage see {@link #storage()}
   * @param storageClass see {@link #storageClass()}
   */
  public BackupProps {
    schedule = schedule == null ? "30 2 * * *" : CronSchedule.strip(schedule);
    String problem = CronSchedule.problem(schedule);
    if (problem != null) {
      throw new InvalidPropException(
          "schedule",
          "\"" + schedule + "\" is not a schedule Kubernetes accepts: " + problem,
          CronSchedule.HINT);
    }
    retentionDays = Range.check("retentionDays", retentionDays, 7, 1, 3650);
    storage = storage == null ? Memory.gibibytes(10) : storage;
    Range.storageClass(storageClass);
  }
}
