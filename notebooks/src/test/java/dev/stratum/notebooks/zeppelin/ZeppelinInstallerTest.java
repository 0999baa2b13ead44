package dev.stratum.notebooks.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZeppelinInstallerTest {

  @Test
  void artifactNameIgnoresTheVersionTheApplicationResolved() {
    assertEquals("commons-lang3", ZeppelinInstaller.artifactOf("commons-lang3-3.12.0.jar"));
    assertEquals("spark-sql_2.13", ZeppelinInstaller.artifactOf("spark-sql_2.13-4.2.0.jar"));
    assertEquals("jackson-databind", ZeppelinInstaller.artifactOf("jackson-databind-2.21.3.jar"));
    assertEquals("stratum-core", ZeppelinInstaller.artifactOf("stratum-core-0.1.0-SNAPSHOT.jar"));
    assertEquals("no-version.jar", ZeppelinInstaller.artifactOf("no-version.jar"));
  }
}
