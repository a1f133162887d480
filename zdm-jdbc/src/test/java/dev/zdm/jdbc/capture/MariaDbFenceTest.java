package dev.zdm.jdbc.capture;

class MariaDbFenceTest extends FenceContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.MARIADB;
  }
}
