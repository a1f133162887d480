package dev.zdm.jdbc.capture;

class PostgresFenceTest extends FenceContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.POSTGRES;
  }
}
