package dev.zdm.jdbc.capture;

class MariaDbCaptureInstallerTest extends CaptureInstallerContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.MARIADB;
  }
}
