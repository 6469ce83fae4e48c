package io.stackwright.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of the internet a list of address ranges spans, together: the addresses of their union
 * that lie outside the private and special blocks ({@code 10.0.0.0/8}, {@code 172.16.0.0/12},
 * {@code 192.168.0.0/16}, {@code 100.64.0.0/10}, link-local and loopback; {@code fc00::/7}, {@code
 * fe80::/10}, {@code ::1}). A list may name private networks of any size, and public addresses up
 * to a {@code /16} of IPv4 or a {@code /48} of IPv6 in all; more is the internet, or enough of it
 * to let any client forge its address or a pod reach anywhere: listing every {@code /8} is as open
 * as {@code 0.0.0.0/0}.
 */
public final class AddressRanges {
  private static final BigInteger MAX_PUBLIC_V4 = BigInteger.ONE.shiftLeft(16);
  private static final BigInteger MAX_PUBLIC_V6 = BigInteger.ONE.shiftLeft(80);

  private record Interval(BigInteger first, BigInteger last) {
    BigInteger size() {
      return last.subtract(first).add(BigInteger.ONE);
    }
  }

  private static final List<Interval> INTERNAL_V4 =
      List.of(
          interval("10.0.0.0/8"),
          interval("100.64.0.0/10"),
          interval("127.0.0.0/8"),
          interval("169.254.0.0/16"),
          interval("172.16.0.0/12"),
          interval("192.168.0.0/16"));

  private static final List<Interval> INTERNAL_V6 =
      List.of(interval("::1/128"), interval("fc00::/7"), interval("fe80::/10"));

  private AddressRanges() {}

  /**
   * What is wrong with the list, or {@code null} when it spans no more of the internet than
   * allowed. An entry that is not an address or range is left to the checks of its own.
   *
   * @param ranges addresses and CIDR ranges, IPv4 and IPv6 mixed
   * @return the problem, such as {@code span 4294967296 public IPv4 addresses together, more than a
   *     /16}; {@code null} when there is none
   */
  public static String problem(List<String> ranges) {
    List<Interval> v4 = new ArrayList<>();
    List<Interval> v6 = new ArrayList<>();
    for (String range : ranges) {
      Interval interval = parse(range);
      if (interval != null) {
        (range.contains(":") ? v6 : v4).add(interval);
      }
    }
    BigInteger public4 = outside(merge(v4), INTERNAL_V4);
    BigInteger public6 = outside(merge(v6), INTERNAL_V6);
    if (public4.compareTo(MAX_PUBLIC_V4) > 0) {
      return "span " + public4 + " public IPv4 addresses together, more than a /16";
    }
    if (public6.compareTo(MAX_PUBLIC_V6) > 0) {
      return "span more public IPv6 addresses together than a /48";
    }
    return null;
  }

  private static Interval interval(String cidr) {
    Interval interval = parse(cidr);
    if (interval == null) {
      throw new IllegalArgumentException(cidr);
    }
    return interval;
  }

  /** The addresses of {@code addr} or {@code addr/prefix}; {@code null} when it is neither. */
  private static Interval parse(String range) {
    int slash = range.indexOf('/');
    String address = slash < 0 ? range : range.substring(0, slash);
    // Only literals, which InetAddress parses without asking DNS.
    boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = address.contains(":") && address.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      int bits = bytes.length * 8;
      int prefix = slash < 0 ? bits : Integer.parseInt(range.substring(slash + 1));
      if (prefix < 0 || prefix > bits) {
        return null;
      }
      BigInteger value = new BigInteger(1, bytes);
      BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
      BigInteger first = value.andNot(hostMask);
      return new Interval(first, first.or(hostMask));
    } catch (UnknownHostException | NumberFormatException e) {
      return null;
    }
  }

  private static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::first));
    List<Interval> merged = new ArrayList<>();
    for (Interval next : sorted) {
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && next.first().compareTo(last.last().add(BigInteger.ONE)) <= 0) {
        merged.set(merged.size() - 1, new Interval(last.first(), last.last().max(next.last())));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }

  /** The addresses of the disjoint {@code intervals} outside the disjoint {@code internal} ones. */
  private static BigInteger outside(List<Interval> intervals, List<Interval> internal) {
    BigInteger total = BigInteger.ZERO;
    for (Interval interval : intervals) {
      total = total.add(interval.size());
      for (Interval block : internal) {
        BigInteger first = interval.first().max(block.first());
        BigInteger last = interval.last().min(block.last());
        if (first.compareTo(last) <= 0) {
          total = total.subtract(last.subtract(first).add(BigInteger.ONE));
        }
      }
    }
    return total;
  }
}
