package io.engram.app.processprediction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded simulator of an order-to-cash process, the data of the application when no log is given.
 * Cases arrive as a Poisson process (one every {@value #ARRIVAL_HOURS} hours on average) from
 * 2026-01-05T08:00Z; each case walks the model below, and each activity happens a random delay after
 * the one before it, drawn from an exponential distribution with the activity's mean (hours) unless
 * said otherwise.
 *
 * <pre>
 * standard order (p = 0.65)                          express order (p = 0.35, prepaid)
 *   Create Order                                       Create Express Order
 *   Check Credit                6 h                    Receive Payment            0.5 h
 *     fails (p = 0.25):                                Pick Items                 3 h
 *       Reject Order            12 h, end (p = 0.5)    Ship Goods                 2 h
 *       or Request Guarantee    24 h                   Return Goods (p = 0.10)  168 h
 *          Check Credit         72 h, passes             Refund                  48 h
 *   Approve Order               4 h                    end
 *   Pick Items                  24 h
 *   Pack Items                  4 h
 *   Ship Goods                  24 h
 *   Send Invoice                12 h
 *   Send Reminder (p = 0.30)    14 days +- 1 (uniform); a second one (p = 0.60) after the first;
 *                               never a third
 *   Receive Payment             120 h after the invoice or the last reminder
 *   (a customer who needed a guarantee pays slowly: a first reminder with p = 0.60, and payment
 *   after 240 h)
 *   Return Goods (p = 0.05)     168 h
 *     Refund                    48 h
 *   end
 * </pre>
 *
 * The last activity alone does not tell what comes next: after Pick Items, Ship Goods and Receive
 * Payment the way on depends on the first event (standard or express), and after Send Reminder on how
 * many came before, and whether a guarantee was requested; the durations of Pick Items and Ship Goods
 * depend on the first event, and the time to payment on the guarantee. These
 * are what a recurrent network can learn and the baselines of the last activity cannot. Stateless.
 */
final class OrderToCash {
    static final double ARRIVAL_HOURS = 1.5;
    static final long START = java.time.Instant.parse("2026-01-05T08:00:00Z").getEpochSecond();

    private OrderToCash() {
    }

    /** {@code cases} cases drawn from {@code seed}, named {@code case-1} on, in order of arrival. */
    static List<Trace> simulate(int cases, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Trace> out = new ArrayList<>(cases);
        double arrival = 0;
        for (int i = 1; i <= cases; i++) {
            arrival += exp(r, ARRIVAL_HOURS);
            out.add(new Trace("case-" + i, walk(r.split(), arrival)));
        }
        return out;
    }

    private static List<Trace.Event> walk(SplittableRandom r, double start) {
        Clock c = new Clock(start);
        if (r.nextDouble() < 0.35) {
            c.at("Create Express Order", 0);
            c.at("Receive Payment", exp(r, 0.5));
            c.at("Pick Items", exp(r, 3));
            c.at("Ship Goods", exp(r, 2));
            if (r.nextDouble() < 0.10) {
                c.at("Return Goods", exp(r, 168));
                c.at("Refund", exp(r, 48));
            }
            return c.events;
        }
        c.at("Create Order", 0);
        c.at("Check Credit", exp(r, 6));
        boolean guarantee = false;
        if (r.nextDouble() < 0.25) {
            if (r.nextDouble() < 0.5) {
                c.at("Reject Order", exp(r, 12));
                return c.events;
            }
            c.at("Request Guarantee", exp(r, 24));
            guarantee = true;
            c.at("Check Credit", exp(r, 72));
        }
        c.at("Approve Order", exp(r, 4));
        c.at("Pick Items", exp(r, 24));
        c.at("Pack Items", exp(r, 4));
        c.at("Ship Goods", exp(r, 24));
        c.at("Send Invoice", exp(r, 12));
        if (r.nextDouble() < (guarantee ? 0.60 : 0.30)) {
            c.at("Send Reminder", 24 * (13 + 2 * r.nextDouble()));
            if (r.nextDouble() < 0.60) {
                c.at("Send Reminder", 24 * (13 + 2 * r.nextDouble()));
            }
        }
        c.at("Receive Payment", exp(r, guarantee ? 240 : 120));
        if (r.nextDouble() < 0.05) {
            c.at("Return Goods", exp(r, 168));
            c.at("Refund", exp(r, 48));
        }
        return c.events;
    }

    private static double exp(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** The running time of one case, in hours since the first arrival. */
    private static final class Clock {
        final List<Trace.Event> events = new ArrayList<>();
        double hours;

        Clock(double hours) {
            this.hours = hours;
        }

        void at(String activity, double delay) {
            hours += delay;
            events.add(new Trace.Event(activity, START + Math.round(hours * 3600)));
        }
    }
}
