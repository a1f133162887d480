package dev.zdm.jdbc.capture;

class H2CaptureInstallerTest extends CaptureInstallerContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.H2;
  }
}
