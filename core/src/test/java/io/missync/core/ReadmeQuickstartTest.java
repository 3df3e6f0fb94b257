package io.missync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.Completeness;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.Student;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's model quickstart is this method's body, character for character (after trimming the
 * indentation): the snippet compiles and runs as part of the build.
 */
class ReadmeQuickstartTest {

  @Test
  void quickstartRuns() {
    // quickstart:begin
    SourceInfo source = new SourceInfo("A1930499544", "wonde", "SIMS", Instant.now());
    Student ruth =
        Student.builder()
            .id("A1749191433")
            .legalName("Ruth", "Bennett")
            .upn("A123456789012")
            .yearGroup("7")
            .gender(Gender.of("FEMALE"))
            .dateOfBirth(LocalDate.of(2012, 9, 29))
            .build();
    MisSnapshot snapshot =
        MisSnapshot.builder(source)
            .addStudent(ruth)
            .addGroup(Group.builder().id("G7A").kind(GroupKind.REGISTRATION).name("7A").build())
            .addMembership(Membership.of("G7A", ruth.ref(), MembershipRole.MEMBER))
            .addGuardianLink(
                GuardianLink.builder("C404", ruth.id()).relationship(Relationship.MOTHER).build())
            .completeness(EntityType.STUDENT, Completeness.COMPLETE)
            .build();

    snapshot.studentsByUpn("a123456789012"); // [Student[id=A1749191433]]
    snapshot.membershipsOf(PersonRef.student("A1749191433")); // one: form 7A
    snapshot.problems(); // GUARDIAN_UNKNOWN_CONTACT: contact C404 is not in the snapshot
    snapshot.isComplete(EntityType.CONTACT); // false: absence of contacts means nothing
    // quickstart:end

    assertEquals(List.of(ruth), snapshot.studentsByUpn("a123456789012"));
    assertEquals(1, snapshot.membershipsOf(PersonRef.student("A1749191433")).size());
    assertEquals(1, snapshot.problems().size());
    assertFalse(snapshot.isComplete(EntityType.CONTACT));
  }

  @Test
  void readmeShowsExactlyThisCode() throws IOException {
    Path readme = Path.of("..", "README.md");
    Path self = Path.of("src/test/java/io/missync/core/ReadmeQuickstartTest.java");
    String fromReadme =
        between(
            Files.readString(readme, StandardCharsets.UTF_8),
            "<!-- quickstart:begin -->",
            "<!-- quickstart:end -->");
    String fromTest =
        between(
            Files.readString(self, StandardCharsets.UTF_8),
            "// quickstart:begin",
            "    // quickstart:end");
    assertTrue(fromReadme.contains("```java"), "the README block is a java code block");
    assertEquals(
        normalise(fromTest), normalise(fromReadme.replace("```java", "").replace("```", "")));
  }

  private static String between(String text, String begin, String end) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end, b + begin.length());
    assertTrue(b >= 0 && e > b, "markers " + begin + " / " + end + " found");
    return text.substring(b + begin.length(), e);
  }

  private static String normalise(String code) {
    return code.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
