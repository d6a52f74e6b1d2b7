package dev.sparring.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import dev.sparring.controller.loop.RealtimeReport.Status;
import dev.sparring.controller.loop.RealtimeReport.Step;
import org.junit.jupiter.api.Test;

class RealtimeSetupTest {
    private static final String NL = System.lineSeparator();

    @Test
    void shouldRefuseAffinityToAbsentCpuWithEinval() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assumeTrue(Runtime.getRuntime().availableProcessors() <= 1000);

        final RealtimeReport report = new RealtimeSetup(false, RealtimeSetup.NO_FIFO, 1000,
            RealtimeSetup.NO_TIMER_SLACK).applyToCurrentThread();

        final Step affinity = report.steps().get(2);
        assertEquals(Status.REFUSED, affinity.status());
        assertEquals("CPU affinity to cpu 1000 refused: EINVAL (Invalid argument) — cpu 1000 is not online or not " +
            "allowed for this process", affinity.toString());
        assertFalse(report.allRequestedGranted());
    }

    @Test
    void shouldReportEveryRequestedStepUnsupportedOffLinux() {
        final RealtimeReport report = new RealtimeSetup(true, 80, 1, 1).applyOn("Mac OS X");

        assertEquals("real-time setup:" + NL +
            "  mlockall(MCL_CURRENT|MCL_FUTURE) unsupported on Mac OS X" + NL +
            "  SCHED_FIFO priority 80 unsupported on Mac OS X" + NL +
            "  CPU affinity to cpu 1 unsupported on Mac OS X" + NL +
            "  timer slack 1 ns unsupported on Mac OS X", report.toString());
        assertFalse(report.allRequestedGranted());
    }

    @Test
    void shouldReportStepsNotRequestedAsSuch() {
        final RealtimeReport report = RealtimeSetup.none().applyOn("Linux");

        assertEquals("real-time setup:" + NL +
            "  mlockall(MCL_CURRENT|MCL_FUTURE) not requested" + NL +
            "  SCHED_FIFO not requested" + NL +
            "  CPU affinity not requested" + NL +
            "  timer slack not requested", report.toString());
        assertTrue(report.allRequestedGranted());
    }

    @Test
    void shouldFormatRefusalWithErrnoAndHint() {
        final RealtimeReport report = new RealtimeReport(List.of(
            new Step("mlockall(MCL_CURRENT|MCL_FUTURE)", Status.GRANTED, ""),
            new Step("SCHED_FIFO priority 80", Status.REFUSED,
                "EPERM (Operation not permitted) — run with CAP_SYS_NICE or as root")));

        assertEquals("real-time setup:" + NL +
            "  mlockall(MCL_CURRENT|MCL_FUTURE) granted" + NL +
            "  SCHED_FIFO priority 80 refused: EPERM (Operation not permitted) — run with CAP_SYS_NICE or as root",
            report.toString());
        assertEquals("real-time setup: not applied", new RealtimeReport(List.of()).toString());
    }

    @Test
    void shouldRejectOutOfRangeSettings() {
        assertEquals("fifoPriority must be 1..99 (or NO_FIFO = 0), was 120", assertThrows(
            IllegalArgumentException.class, () -> new RealtimeSetup(false, 120, RealtimeSetup.NO_CPU, 1)).getMessage());
        assertEquals("cpu must be 0..1023 (or NO_CPU = -1), was 1024", assertThrows(
            IllegalArgumentException.class, () -> new RealtimeSetup(false, 80, 1024, 1)).getMessage());
        assertEquals("timerSlackNs must be >= 1 (or NO_TIMER_SLACK = -1), was 0", assertThrows(
            IllegalArgumentException.class, () -> new RealtimeSetup(false, 80, 0, 0)).getMessage());
    }
}
