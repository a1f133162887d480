package dev.zdm.jdbc.capture;

class H2FenceTest extends FenceContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.H2;
  }
}
