package io.resgate.spring.sample.ticker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.events.ResEvents;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * A ticker, {@code ticker.model} ({@code {"seconds": 42}}), readable by everyone: the one thing on the
 * sample page that changes by itself. Every {@code sample.ticker-interval} a {@code @Scheduled} method
 * counts up (a change event) and sends the custom event {@code tick} with the server time in ISO-8601, to
 * the millisecond ({@code {"time":"2026-01-31T12:00:00.123Z"}}).
 */
@ResModel("ticker.model")
@OnServiceSide
public class TickerModel {

	static final String RID = "ticker.model";

	private final ResEvents events;

	private final AtomicLong seconds = new AtomicLong();

	public TickerModel(ResEvents events) {
		this.events = events;
	}

	/**
	 * The model.
	 * @return {@code {"seconds": ...}}
	 */
	@ResGet
	public Map<String, Object> get() {
		return Map.of("seconds", seconds.get());
	}

	/**
	 * Read access for everyone.
	 * @return the access
	 */
	@ResAccess
	public Access access() {
		return Access.readOnly();
	}

	/** Counts up and sends the events. */
	@Scheduled(fixedRateString = "${sample.ticker-interval:1s}", initialDelayString = "${sample.ticker-interval:1s}")
	public void tick() {
		events.change(RID, Map.of("seconds", seconds.incrementAndGet()));
		events.custom(RID, "tick", Map.of("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
	}
}
