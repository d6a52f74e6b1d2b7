package dev.sparring.controller.cli;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardOptionsTest {
    @Test
    void shouldBindLoopbackWhenOnlyAPortIsGiven() {
        final InetSocketAddress address = DashboardOptions.parse("8750");
        assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        assertEquals(8750, address.getPort());
    }

    @Test
    void shouldBindTheHostTheUserNames() {
        assertEquals("0.0.0.0", DashboardOptions.parse("0.0.0.0:80").getAddress().getHostAddress());
        assertTrue(DashboardOptions.parse("[::1]:0").getAddress().isLoopbackAddress());
        assertTrue(DashboardOptions.parse("localhost:9000").getAddress().isLoopbackAddress());
    }

    @Test
    void shouldNameTheMistakeInAMalformedAddress() {
        assertEquals("expected [HOST:]PORT, e.g. 8750 or 127.0.0.1:8750 or [::1]:8750, was 'web'",
            assertThrows(IllegalArgumentException.class, () -> DashboardOptions.parse("web")).getMessage());
        assertEquals("port must be 0 to 65535, was 70000 in '70000'",
            assertThrows(IllegalArgumentException.class, () -> DashboardOptions.parse("70000")).getMessage());
    }
}
