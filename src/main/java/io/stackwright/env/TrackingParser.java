package io.stackwright.env;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Passes events through to the composer while remembering where they were. The composer's own limit
 * errors carry no position, and it hands back the anchored node for an alias, losing where the
 * alias was written; these marks recover both.
 */
final class TrackingParser implements Parser {

  private final Parser delegate;
  private final List<Mark> aliasMarks = new ArrayList<>();
  private Mark lastMark;

  TrackingParser(Parser delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return delegate.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = delegate.getEvent();
    lastMark = event.getStartMark();
    if (event instanceof AliasEvent) {
      aliasMarks.add(lastMark);
    }
    return event;
  }

  /** The start of the last event handed to the composer, {@code null} before the first. */
  Mark lastMark() {
    return lastMark;
  }

  /** Where each alias was written, in document order. */
  List<Mark> aliasMarks() {
    return aliasMarks;
  }
}
