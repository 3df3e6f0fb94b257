package io.missync.reconcile.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.Secret;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.spi.PasswordGenerator;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default credential implementations in io.missync.core.credentials. */
class CredentialsTest {
  private static final Student ZOE =
      Student.builder()
          .id("S1")
          .legalName("Zoë", "O'Brien-Ångström")
          .yearGroup("R")
          .email("Zoe.OBrien@pupils.example.org")
          .build();
  private static final StaffMember RUTH =
      StaffMember.builder().id("T1").legalName("Ruth", "Evans").staffCode("REV").build();

  @Test
  void templatesNormaliseNames() {
    assertEquals("zoeo", UsernameTemplate.forenameSurnameInitial().generate(ZOE, u -> true));
    assertEquals("zobrien-angstrom", UsernameTemplate.initialSurname().generate(ZOE, u -> true));
    assertEquals("zoe.obrien-angstrom", UsernameTemplate.fullName(".").generate(ZOE, u -> true));
    assertEquals("zoe.obrien", UsernameTemplate.emailLocalPart().generate(ZOE, u -> true));
    assertEquals(
        "zoe.obrien@pupils.example.org", UsernameTemplate.email().generate(ZOE, u -> true));
    assertEquals(
        "rev.staff", UsernameTemplate.pattern("{staffCode}.staff").generate(RUTH, u -> true));
    assertEquals("user", UsernameTemplate.pattern("{emailLocal}").generate(RUTH, u -> true));
    assertEquals("strasse", UsernameTemplate.normalize("  Straße!! "));
    assertEquals("a.b", UsernameTemplate.normalize("..A...B.."));
    assertThrows(IllegalArgumentException.class, () -> UsernameTemplate.pattern("{nope}"));
    assertThrows(IllegalArgumentException.class, () -> UsernameTemplate.pattern("plain"));
  }

  @Test
  void collisionsGetANumberFromTwo() {
    Set<String> taken = Set.of("zoeo", "zoeo2");
    assertEquals(
        "zoeo3", UsernameTemplate.forenameSurnameInitial().generate(ZOE, u -> !taken.contains(u)));
    Set<String> mails = Set.of("zoe.obrien@pupils.example.org");
    assertEquals(
        "zoe.obrien2@pupils.example.org",
        UsernameTemplate.email().generate(ZOE, u -> !mails.contains(u)));
    assertEquals(
        "zoeo2@ks1",
        UsernameTemplate.forenameSurnameInitial()
            .withSuffix("@ks1")
            .generate(ZOE, u -> !u.equals("zoeo@ks1")));
    assertThrows(
        MissyncException.class, () -> UsernameTemplate.initialSurname().generate(ZOE, u -> false));
  }

  @Test
  void everyGeneratorHasItsShapeAndIsRandom() {
    assertShape(
        PasswordGenerators.randomText(12), "[" + PasswordGenerators.UNAMBIGUOUS_ALPHABET + "]{12}");
    assertShape(PasswordGenerators.passphrase(3, "-", true), "[a-z]+-[a-z]+-[a-z]+[2-9]");
    assertShape(PasswordGenerators.picturePin(2), "[a-z]+-[a-z]+");
    assertShape(PasswordGenerators.picturePin(4), "[a-z]+(-[a-z]+){3}");
    assertShape(PasswordGenerators.numericPin(6), "[0-9]{6}");
    PasswordGenerator emoji = PasswordGenerators.emoji(4);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String e = emoji.generate().reveal();
      assertTrue(e.codePointCount(0, e.length()) >= 4);
      seen.add(e);
    }
    assertTrue(seen.size() > 15);
    assertThrows(IllegalArgumentException.class, () -> PasswordGenerators.picturePin(3));
    assertThrows(IllegalArgumentException.class, () -> PasswordGenerators.numericPin(3));
    assertEquals("Secret[redacted]", PasswordGenerators.randomText(10).generate().toString());
  }

  private static void assertShape(PasswordGenerator g, String regex) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Secret s = g.generate();
      String v = s.reveal();
      assertTrue(v.matches(regex), g + " gave a value outside " + regex);
      seen.add(v);
    }
    assertTrue(seen.size() > 40, g + " repeats itself");
  }

  @Test
  void anInjectedSecureRandomMakesGenerationReproducible() throws Exception {
    SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
    a.setSeed(42L);
    SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
    b.setSeed(42L);
    assertEquals(
        PasswordGenerators.passphrase("p", 3, "-", false, a).generate(),
        PasswordGenerators.passphrase("p", 3, "-", false, b).generate());
  }

  @Test
  void theCohortPolicyMapsRolesAndYears() {
    PasswordGenerator pics = PasswordGenerators.picturePin(2);
    PasswordGenerator text = PasswordGenerators.randomText(10);
    PasswordGenerator staff = PasswordGenerators.randomText(14);
    CohortCredentialPolicy policy =
        CohortCredentialPolicy.builder()
            .defaults(UsernameTemplate.initialSurname(), text)
            .studentsInYears(0, 2, UsernameTemplate.forenameSurnameInitial(), pics)
            .role(EntityType.STAFF, UsernameTemplate.email(), staff)
            .build();
    assertEquals("picture-2", policy.passwordPolicyFor(ZOE));
    assertEquals("zoeo", policy.usernames(ZOE).generate(ZOE, u -> true));
    Student y6 = ZOE.toBuilder().yearGroup("Year Six").build();
    assertEquals("random-10", policy.passwordPolicyFor(y6));
    assertEquals("random-14", policy.passwordPolicyFor(RUTH));
    assertEquals(staff, policy.passwords("random-14"));
    assertThrows(MissyncException.class, () -> policy.passwords("nope"));
    assertEquals(0, CohortCredentialPolicy.schoolYear("Reception").getAsInt());
    assertEquals(11, CohortCredentialPolicy.schoolYear("Yr 11").getAsInt());
    assertEquals(-1, CohortCredentialPolicy.schoolYear("Nursery").getAsInt());
    assertTrue(CohortCredentialPolicy.schoolYear("Sixth Form").isEmpty());
    assertNotEquals(pics.generate(), pics.generate());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CohortCredentialPolicy.builder()
                .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
                .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(10))
                .build());
  }
}
