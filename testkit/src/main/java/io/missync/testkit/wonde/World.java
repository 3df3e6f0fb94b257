package io.missync.testkit.wonde;

import io.missync.testkit.wonde.internal.Generator;
import io.missync.testkit.wonde.internal.SchoolData;
import io.missync.testkit.wonde.internal.WorldIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulated Wonde world: generated schools over one seeded random source and one {@link
 * SimClock}. Readers (HTTP requests) and writers (mutations from tests) are serialised by a
 * read-write lock, so a mutation is either wholly visible to a request or not at all.
 */
public final class World {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final SimClock clock;
  private final WorldIds ids;
  private final String appToken;
  private final List<SchoolWorld> schools;

  /** Generates a world from the config (seed, schools, size, phase, region). */
  public static World generate(SimulatorConfig config) {
    return new World(config);
  }

  private World(SimulatorConfig config) {
    this.clock = new SimClock(config.startTime());
    this.ids = new WorldIds(config.seed());
    String token = ids.token();
    this.appToken = config.appToken().orElse(token);
    List<SchoolWorld> list = new ArrayList<>();
    Generator.Params p =
        new Generator.Params(
            config.regionCode(),
            config.phase().name(),
            config.sixthForm(),
            config.studentsPerSchool(),
            config.staffPerSchool(),
            config.publishClasses());
    for (int i = 0; i < config.schools(); i++) {
      list.add(new SchoolWorld(this, Generator.generate(ids, p, clock.now())));
    }
    this.schools = Collections.unmodifiableList(list);
  }

  public SimClock clock() {
    return clock;
  }

  /** The app-wide token: it reads every approved school and lists schools. */
  public String appToken() {
    return appToken;
  }

  public List<SchoolWorld> schools() {
    return schools;
  }

  /** The school at {@code index} in generation order. */
  public SchoolWorld school(int index) {
    return schools.get(index);
  }

  public SchoolWorld school(String schoolId) {
    return findSchool(schoolId)
        .orElseThrow(() -> new IllegalArgumentException("no school " + schoolId));
  }

  public Optional<SchoolWorld> findSchool(String schoolId) {
    for (SchoolWorld s : schools) {
      if (s.id().equals(schoolId)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  <T> T write(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  void write(Runnable body) {
    write(
        () -> {
          body.run();
          return Boolean.TRUE;
        });
  }

  static SchoolData data(SchoolWorld s) {
    return s.data();
  }
}
