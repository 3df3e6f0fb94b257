package io.missync.scheduler;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.missync.core.MissyncException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many schools' syncs across worker processes that share one database, on <a
 * href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a>.
 *
 * <p>Each registered school is <em>one</em> execution (task {@value #SCHOOL_TASK}, instance: the
 * school id) in db-scheduler's table. Whatever asks for a run (the school's schedule, a full read
 * falling due, a webhook) only moves that one execution's time, so:
 *
 * <ul>
 *   <li>at most one run of a school is in progress across the cluster: a worker picks a due
 *       execution by locking its row and marking it picked (db-scheduler's coordination); the
 *       store's per-school lease, where the store has one, is a second guard;
 *   <li>a run that ends reschedules the school: a full read when {@link SchoolSchedule#fullEvery()}
 *       has passed since the last one (or on the first run), else an incremental one, after {@link
 *       SchoolSchedule#incrementalEvery()};
 *   <li>a run that throws is tried again after {@link Builder#retryAfter(Duration)}, with the same
 *       kind (a requested full read stays full);
 *   <li>a worker that dies mid-run stops heartbeating; after {@link Builder#heartbeat(Duration)}
 *       times {@link Builder#missedHeartbeats(int)} any live worker revives the execution and runs
 *       the school again. The sync itself picks up where the dead run stopped: the store's journal
 *       holds what it had applied. The dead run's store lease still holds the school until its
 *       expiry ({@code SyncRunner.Builder.leaseTtl}), so give the runners a {@code leaseWait} of at
 *       least the lease's time to live: the new run then waits the lease out instead of failing.
 * </ul>
 *
 * <pre>{@code
 * SchoolScheduler scheduler =
 *     SchoolScheduler.builder(dataSource, SchoolJob.of(runners::forSchool))
 *         .workerName("worker-1")
 *         .threads(8)
 *         .build();
 * scheduler.register("A1930499544", SchoolSchedule.defaults());
 * scheduler.start();
 * // on a webhook for the school:
 * scheduler.runNow("A1930499544", RunKind.FULL);
 * }</pre>
 *
 * <p>The table ({@code missync_scheduled_tasks} by default) is created when missing. Logs carry
 * school ids, never the vendor's data.
 */
public final class SchoolScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchoolScheduler.class);

  /** db-scheduler's task name for the schools' executions. */
  public static final String SCHOOL_TASK = "missync-school";

  /** db-scheduler's task name for a run asked for while the school was running. */
  public static final String TRIGGER_TASK = "missync-school-trigger";

  private final Scheduler scheduler;
  private final Clock clock;
  private final CustomTask<SchoolTask> schoolTask;
  private final OneTimeTask<RunKind> triggerTask;

  /** What {@link #runNow} did. */
  public enum Trigger {
    /** The school's execution is due now; a worker picks it up at its next poll. */
    DUE_NOW,
    /** The school is running; it runs again as soon as this run ends. */
    AFTER_CURRENT_RUN
  }

  private SchoolScheduler(Builder b) {
    this.clock = b.clock;
    SchoolJob job = b.job;
    Duration retry = b.retryAfter;
    this.schoolTask =
        Tasks.custom(SCHOOL_TASK, SchoolTask.class)
            .onFailure(
                (ExecutionComplete complete, ExecutionOperations<SchoolTask> ops) -> {
                  LOG.warn(
                      "scheduler: run of school {} failed ({}); again in {}",
                      complete.getExecution().taskInstance.getId(),
                      complete.getCause().map(t -> t.getClass().getSimpleName()).orElse("?"),
                      retry);
                  ops.reschedule(complete, clock.instant().plus(retry));
                })
            .onDeadExecutionRevive()
            .execute(
                (inst, ctx) -> {
                  String school = inst.getId();
                  SchoolTask data = inst.getData();
                  Instant started = clock.instant();
                  RunKind kind = data.kindAt(started);
                  LOG.info("scheduler: {} run of school {}", kind, school);
                  job.run(school, kind);
                  SchoolTask next = data.after(kind, started);
                  return (CompletionHandler<SchoolTask>)
                      (complete, ops) ->
                          ops.reschedule(complete, next.nextAfter(clock.instant()), next);
                });
    this.triggerTask =
        Tasks.oneTime(TRIGGER_TASK, RunKind.class)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(b.triggerRetry))
            .onDeadExecutionRevive()
            .execute(
                (inst, ctx) -> {
                  if (tryRunNow(inst.getId(), inst.getData()).isEmpty()) {
                    // still running: fail, so that db-scheduler tries again shortly
                    throw new SchoolRunningException(inst.getId());
                  }
                });
    List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = new ArrayList<>();
    tasks.add(schoolTask);
    tasks.add(triggerTask);
    var sb =
        Scheduler.create(b.ds, tasks)
            .tableName(b.table)
            .threads(b.threads)
            .pollingInterval(b.pollingInterval)
            .heartbeatInterval(b.heartbeat)
            .missedHeartbeatsLimit(b.missedHeartbeats)
            .alwaysPersistTimestampInUTC()
            .enableImmediateExecution()
            .shutdownMaxWait(b.shutdownMaxWait);
    if (b.workerName != null) {
      sb.schedulerName(new SchedulerName.Fixed(b.workerName));
    }
    this.scheduler = sb.build();
  }

  /**
   * A scheduler over {@code dataSource} (the database shared by all workers; PostgreSQL for several
   * processes, or embedded H2 for one) that runs {@code job} for each due school.
   */
  public static Builder builder(DataSource dataSource, SchoolJob job) {
    return new Builder(dataSource, job);
  }

  /** Starts picking due schools. Registering and triggering work without starting. */
  public void start() {
    scheduler.start();
  }

  /**
   * Stops picking schools and waits (up to the configured time) for the runs in progress to end.
   */
  @Override
  public void close() {
    scheduler.stop();
  }

  /**
   * Registers a school, due now; returns false (and changes nothing) if it was registered already.
   */
  public boolean register(String schoolId, SchoolSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return scheduler.scheduleIfNotExists(
        schoolTask.instance(checkId(schoolId), SchoolTask.of(schedule)), clock.instant());
  }

  /**
   * Changes a registered school's schedule from its next run on.
   *
   * @throws SchoolRunningException if the school is running now (try again later)
   * @throws UnknownSchoolException if it is not registered
   */
  public void reschedule(String schoolId, SchoolSchedule schedule) {
    ScheduledExecution<Object> e = execution(schoolId);
    SchoolTask data = (SchoolTask) e.getData();
    try {
      if (!scheduler.reschedule(id(schoolId), e.getExecutionTime(), data.withSchedule(schedule))) {
        throw new SchoolRunningException(schoolId);
      }
    } catch (TaskInstanceCurrentlyExecutingException busy) {
      throw new SchoolRunningException(schoolId);
    }
  }

  /**
   * Removes a school: no further runs.
   *
   * @throws SchoolRunningException if the school is running now (try again later)
   */
  public void unregister(String schoolId) {
    execution(schoolId);
    try {
      scheduler.cancel(id(schoolId));
    } catch (TaskInstanceCurrentlyExecutingException busy) {
      throw new SchoolRunningException(schoolId);
    }
  }

  /** The registered schools, in no particular order. */
  public List<String> schools() {
    List<String> out = new ArrayList<>();
    scheduler.fetchScheduledExecutionsForTask(
        SCHOOL_TASK, SchoolTask.class, e -> out.add(e.getTaskInstance().getId()));
    return out;
  }

  /**
   * Asks for a run of the school now (a webhook said something changed, or a person asked): makes
   * its one execution due now, or, while it is running, queues a trigger that makes it due as soon
   * as the run ends. A full request is never weakened by a later incremental one.
   *
   * @throws UnknownSchoolException if the school is not registered
   */
  public Trigger runNow(String schoolId, RunKind kind) {
    Objects.requireNonNull(kind, "kind");
    execution(schoolId);
    if (tryRunNow(schoolId, kind).isPresent()) {
      return Trigger.DUE_NOW;
    }
    scheduler.scheduleIfNotExists(triggerTask.instance(schoolId, kind), clock.instant());
    return Trigger.AFTER_CURRENT_RUN;
  }

  /** Makes the school due now unless it is running; empty when it is. */
  private Optional<Trigger> tryRunNow(String schoolId, RunKind kind) {
    ScheduledExecution<Object> e = execution(schoolId);
    if (e.isPicked()) {
      return Optional.empty();
    }
    SchoolTask data = ((SchoolTask) e.getData()).request(kind);
    try {
      // the row's version guards the update: a worker that picked it in between wins
      return scheduler.reschedule(id(schoolId), clock.instant(), data)
          ? Optional.of(Trigger.DUE_NOW)
          : Optional.empty();
    } catch (TaskInstanceCurrentlyExecutingException busy) {
      return Optional.empty();
    }
  }

  private ScheduledExecution<Object> execution(String schoolId) {
    return scheduler
        .getScheduledExecution(id(checkId(schoolId)))
        .orElseThrow(() -> new UnknownSchoolException(schoolId));
  }

  private static TaskInstanceId id(String schoolId) {
    return TaskInstanceId.of(SCHOOL_TASK, schoolId);
  }

  private static String checkId(String schoolId) {
    Objects.requireNonNull(schoolId, "schoolId");
    if (schoolId.isBlank() || schoolId.length() > 255) {
      throw new IllegalArgumentException("school id must be 1 to 255 characters");
    }
    return schoolId;
  }

  /** A school that is not registered. */
  public static final class UnknownSchoolException extends MissyncException {
    private static final long serialVersionUID = 1L;

    UnknownSchoolException(String schoolId) {
      super("scheduler: school " + schoolId + " is not registered");
    }
  }

  /** A school whose run is in progress, for operations that must wait for it to end. */
  public static final class SchoolRunningException extends MissyncException {
    private static final long serialVersionUID = 1L;

    SchoolRunningException(String schoolId) {
      super("scheduler: school " + schoolId + " is running now");
    }
  }

  /** Builds a {@link SchoolScheduler}. */
  public static final class Builder {
    private final DataSource ds;
    private final SchoolJob job;
    private @Nullable String workerName;
    private String table = "missync_scheduled_tasks";
    private boolean createTable = true;
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(10);
    private Duration heartbeat = Duration.ofMinutes(1);
    private int missedHeartbeats = 5;
    private Duration retryAfter = Duration.ofMinutes(5);
    private Duration triggerRetry = Duration.ofSeconds(5);
    private Duration shutdownMaxWait = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource ds, SchoolJob job) {
      this.ds = Objects.requireNonNull(ds, "dataSource");
      this.job = Objects.requireNonNull(job, "job");
    }

    /** This worker's name in the table's {@code picked_by}; default the host name. */
    public Builder workerName(String name) {
      this.workerName = name;
      return this;
    }

    /**
     * db-scheduler's table, optionally schema-qualified; default {@code missync_scheduled_tasks}.
     */
    public Builder tableName(String table) {
      this.table = table;
      return this;
    }

    /** Whether {@link #build()} creates the table when missing (default true). */
    public Builder createTable(boolean create) {
      this.createTable = create;
      return this;
    }

    /** Schools run at once by this worker (default 4). */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be positive");
      }
      this.threads = n;
      return this;
    }

    /** How often an idle worker looks for due schools (default 10 s). */
    public Builder pollingInterval(Duration d) {
      this.pollingInterval = positive(d, "pollingInterval");
      return this;
    }

    /** How often a worker marks its running schools alive (default 1 min). */
    public Builder heartbeat(Duration d) {
      this.heartbeat = positive(d, "heartbeat");
      return this;
    }

    /**
     * Heartbeats missed before a run is taken for dead and run again elsewhere (default 5, at least
     * 4). Keep heartbeat times this above a long GC pause, and above the store lease's expiry.
     */
    public Builder missedHeartbeats(int n) {
      if (n < 4) {
        throw new IllegalArgumentException("missedHeartbeats must be at least 4");
      }
      this.missedHeartbeats = n;
      return this;
    }

    /** Delay before a failed run is tried again (default 5 min). */
    public Builder retryAfter(Duration d) {
      this.retryAfter = positive(d, "retryAfter");
      return this;
    }

    /** Delay between tries of a run asked for while the school was running (default 5 s). */
    public Builder triggerRetry(Duration d) {
      this.triggerRetry = positive(d, "triggerRetry");
      return this;
    }

    /** How long {@link SchoolScheduler#close()} waits for runs in progress (default 5 min). */
    public Builder shutdownMaxWait(Duration d) {
      this.shutdownMaxWait = positive(d, "shutdownMaxWait");
      return this;
    }

    /** The clock for due times (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the scheduler, creating its table if configured and missing. Does not start it. */
    public SchoolScheduler build() {
      if (createTable) {
        SchedulerTable.ensure(ds, table);
      }
      return new SchoolScheduler(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
