package io.missync.cli;

import io.missync.cli.internal.Io;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs the command line in process and keeps what it printed. */
record Run(int code, String out, String err) {
  static Run of(String... args) {
    return withAnswers(null, args);
  }

  /** As at a terminal where a person gives {@code answers} in turn; not a terminal when null. */
  static Run withAnswers(@Nullable List<String> answers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Deque<String> left = answers == null ? new ArrayDeque<>() : new ArrayDeque<>(answers);
    Io io =
        new Io(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            answers != null,
            q -> {
              out.write(q);
              return left.poll();
            });
    int code = Missync.run(io, args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The shared real sample sets beside the checkout ({@code ../shared/samples}), if present. */
  static @Nullable Path sample(String set) {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p :
        new Path[] {cwd.resolve("../../shared/samples"), cwd.resolve("../shared/samples")}) {
      Path d = p.resolve(set).normalize();
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
