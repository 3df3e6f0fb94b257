package io.missync.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small hand-made exports into a folder: {@code file("users.csv", "h1,h2", "a,b")}. */
final class Exports {
  private final Path dir;

  Exports(Path dir) {
    this.dir = dir;
  }

  Exports file(String name, String... lines) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(name), String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path dir() {
    return dir;
  }

  static final String OR12_USERS =
      "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
          + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,"
          + "userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,"
          + "preferredFamilyName,primaryOrgSourcedId,pronouns";
  static final String OR_ROLES =
      "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
          + "orgSourcedId,userProfileSourcedId";
  static final String OR_CLASSES =
      "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
          + "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods";
  static final String OR_ENROLLMENTS =
      "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
          + "primary,beginDate,endDate";
  static final String OR_ORGS =
      "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";

  /** A OneRoster 1.2 bulk manifest listing the given files as bulk. */
  static String[] manifest12(String... files) {
    String[] out = new String[files.length + 3];
    out[0] = "propertyName,value";
    out[1] = "manifest.version,1.0";
    out[2] = "oneroster.version,1.2";
    for (int i = 0; i < files.length; i++) {
      out[i + 3] = "file." + files[i] + ",bulk";
    }
    return out;
  }
}
