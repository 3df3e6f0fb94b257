/**
 * csv-import: reads a school's CSV export (the simple school template, OneRoster 1.1 and 1.2,
 * Microsoft School Data Sync classic US/UK and v2.1; a folder or a zip) into a {@link
 * io.missync.core.model.MisSnapshot}, and writes snapshots back out.
 *
 * <p>Entry points: {@link io.missync.csv.CsvImporter} (read; problems are {@linkplain
 * io.missync.csv.ImportResult results}, never exceptions), {@link io.missync.csv.CsvSnapshotSource}
 * (the {@code SnapshotSource} SPI), {@link io.missync.csv.CsvExporter} (write), {@link
 * io.missync.csv.LoginCards} (credentials for the school, formula-safe), {@link
 * io.missync.csv.SchoolTemplate} (the template and its example files) and {@link
 * io.missync.csv.CsvValidator} (command line).
 *
 * <p>Safeguarding rule: a file that is missing is ABSENT and a file that lost rows is PARTIAL; only
 * a file read whole makes its entity types COMPLETE, so a half-loaded export never looks like
 * "everyone left".
 */
@NullMarked
package io.missync.csv;

import org.jspecify.annotations.NullMarked;
