package dev.zdm.jdbc.capture;

class MariaDbCaptureTest extends CaptureContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.MARIADB;
  }
}
