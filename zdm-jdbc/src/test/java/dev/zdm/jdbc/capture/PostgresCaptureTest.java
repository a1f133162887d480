package dev.zdm.jdbc.capture;

class PostgresCaptureTest extends CaptureContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.POSTGRES;
  }
}
