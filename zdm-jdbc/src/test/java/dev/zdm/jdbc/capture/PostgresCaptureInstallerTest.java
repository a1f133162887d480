package dev.zdm.jdbc.capture;

class PostgresCaptureInstallerTest extends CaptureInstallerContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.POSTGRES;
  }
}
