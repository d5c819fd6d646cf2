package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderToCashTest {
    private static final List<Trace> LOG = OrderToCash.simulate(4000, 11);

    private static List<String> activities(Trace t) {
        return t.events().stream().map(Trace.Event::activity).toList();
    }

    @Test
    void sameSeedSameLogOtherSeedOtherLog() {
        assertEquals(OrderToCash.simulate(50, 3), OrderToCash.simulate(50, 3));
        assertNotEquals(OrderToCash.simulate(50, 3), OrderToCash.simulate(50, 4));
    }

    @Test
    void casesFollowTheModel() {
        for (Trace t : LOG) {
            List<String> a = activities(t);
            for (int k = 1; k < t.length(); k++) {
                assertTrue(t.events().get(k).time() >= t.events().get(k - 1).time(), t.id());
            }
            if (a.get(0).equals("Create Express Order")) {
                assertEquals(List.of("Create Express Order", "Receive Payment", "Pick Items", "Ship Goods"), a.subList(0, 4));
                assertTrue(a.size() == 4 || a.subList(4, a.size()).equals(List.of("Return Goods", "Refund")), a.toString());
            } else {
                assertEquals(List.of("Create Order", "Check Credit"), a.subList(0, 2), a.toString());
                long reminders = a.stream().filter("Send Reminder"::equals).count();
                assertTrue(reminders <= 2, a.toString());
                assertTrue(a.contains("Reject Order") ? a.get(a.size() - 1).equals("Reject Order")
                        : a.contains("Pack Items") && a.contains("Receive Payment"), a.toString());
            }
        }
    }

    @Test
    void frequenciesMatchTheDocumentedProbabilities() {
        double express = LOG.stream().filter(t -> activities(t).get(0).equals("Create Express Order")).count() / (double) LOG.size();
        assertEquals(0.35, express, 0.03);
        List<Trace> invoiced = LOG.stream().filter(t -> activities(t).contains("Send Invoice")).toList();
        List<Trace> prompt = invoiced.stream().filter(t -> !activities(t).contains("Request Guarantee")).toList();
        List<Trace> slow = invoiced.stream().filter(t -> activities(t).contains("Request Guarantee")).toList();
        assertEquals(0.30, prompt.stream().filter(t -> activities(t).contains("Send Reminder")).count() / (double) prompt.size(), 0.03);
        assertEquals(0.60, slow.stream().filter(t -> activities(t).contains("Send Reminder")).count() / (double) slow.size(), 0.08);
        double rejected = LOG.stream().filter(t -> activities(t).contains("Reject Order")).count() / (double) LOG.size();
        assertEquals(0.65 * 0.25 * 0.5, rejected, 0.02);
    }

    @Test
    void expressPickingIsFasterAsDocumented() {
        double express = 0;
        double standard = 0;
        int ne = 0;
        int ns = 0;
        for (Trace t : LOG) {
            List<String> a = activities(t);
            int k = a.indexOf("Pick Items");
            if (k < 0) {
                continue;
            }
            double hours = (t.events().get(k).time() - t.events().get(k - 1).time()) / 3600.0;
            if (a.get(0).equals("Create Express Order")) {
                express += hours;
                ne++;
            } else {
                standard += hours;
                ns++;
            }
        }
        assertEquals(3, express / ne, 0.4);
        assertEquals(24, standard / ns, 2.0);
    }
}
