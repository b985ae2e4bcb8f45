#!/bin/sh
# Network namespace for the WebSocket benchmark's clients (WS_BENCH_NETNS, needs root):
#   sh benchmarks/ws/netns.sh up     namespace daki-ws, veth pair host 10.77.0.1/24 <-> namespace 10.77.0.2/24
#   sh benchmarks/ws/netns.sh down   removes both
# The clients then reach the servers over a veth pair instead of the host's loopback: their own
# network stack and TCP state, as from another machine — but still on the same cores.
set -eu
NS=${WS_BENCH_NETNS:-daki-ws}
HOST_IP=${WS_BENCH_NETNS_HOST:-10.77.0.1}
NS_IP=${WS_BENCH_NETNS_CLIENT:-10.77.0.2}
case "${1:-}" in
  up)
    ip netns list | grep -qw "$NS" || ip netns add "$NS"
    if ! ip link show daki-ws-host >/dev/null 2>&1; then
      ip link add daki-ws-host type veth peer name daki-ws-peer
      ip link set daki-ws-peer netns "$NS"
      ip addr add "$HOST_IP/24" dev daki-ws-host
      ip link set daki-ws-host up
      ip netns exec "$NS" ip addr add "$NS_IP/24" dev daki-ws-peer
      ip netns exec "$NS" ip link set daki-ws-peer up
      ip netns exec "$NS" ip link set lo up
    fi
    ip netns exec "$NS" ip route get "$HOST_IP" >/dev/null
    echo "namespace $NS up: clients at $NS_IP reach the servers at $HOST_IP"
    ;;
  down)
    ip link del daki-ws-host 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    echo "namespace $NS removed"
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
