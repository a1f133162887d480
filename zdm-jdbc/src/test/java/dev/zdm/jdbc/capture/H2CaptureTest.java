package dev.zdm.jdbc.capture;

class H2CaptureTest extends CaptureContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.H2;
  }
}
