// The collectives explorer's model: how long an all-reduce, reduce-scatter, all-gather or all-to-all
// takes among N GPUs on a given link, following lesson interconnects-and-collectives.
//
// The model (ring algorithms, as NCCL uses for large messages; Patarasuk and Yuan 2009):
// - S is the data each GPU holds: the whole buffer of an all-reduce, the input of a reduce-scatter,
//   the gathered output of an all-gather, all the data a GPU sends and keeps in an all-to-all.
// - All-reduce = reduce-scatter then all-gather: each GPU sends 2 (N - 1) / N x S in 2 (N - 1) steps.
//   Reduce-scatter, all-gather and all-to-all (pairwise exchange) each send (N - 1) / N x S in
//   N - 1 steps. So for large N an all-reduce sends about twice its buffer, whatever N is.
// - Time = steps x latency + bytes sent / B, with B one GPU's bandwidth in one direction on the
//   slowest hop of the ring, and the latency a typical per-step cost of that link (an assumption
//   shown beside the answer, not a datasheet figure).
// - A scale-up link (NVLink, PCIe) joins at most `domain` GPUs (a server, or an NVL72 rack); a ring
//   over more GPUs must also cross the scale-out network. Each GPU has its own NIC (a rail-optimized
//   cluster), and NCCL runs one ring through each NIC at once, each carrying a share of the data, so
//   between domains the domain's NICs carry the traffic together: B = min(the link, domain x one
//   NIC's bandwidth), at the network's per-step latency. (One ring through one port would be `domain`
//   times slower: what a misconfigured network gives.)
// - nccl-tests reports algbw = S / time and busbw = bytes sent / time: the busbw of a good run is
//   close to B, whatever the collective and N, which is why it is the number to compare with links
//   (across servers, with the NICs' combined rate).
// Hierarchical and tree algorithms, in-network reduction (NVLink SHARP, InfiniBand SHARP) and
// overlap with compute are left out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dojo {

enum class Collective { AllReduce, ReduceScatter, AllGather, AllToAll };

// "all-reduce", "reduce-scatter", "all-gather", "all-to-all" (lesson block names); false if unknown.
[[nodiscard]] bool parse_collective(std::string_view name, Collective& op);
const char* collective_name(Collective op);
const std::vector<std::string>& collective_names();

struct LinkSpec {
    std::string id;    // "nvlink5", "ib-ndr", ...
    std::string name;  // "NVLink 5 (GB200 NVL72)"
    double gbs = 0;    // one GPU's bandwidth in one direction, GB/s
    double latency_us = 0;
    int domain = 0;      // the most GPUs the link joins directly; 0: no limit (a network)
    std::string source;  // where the bandwidth comes from
};
const std::vector<LinkSpec>& link_table();
const LinkSpec* find_link(std::string_view id);
std::vector<std::string> link_ids(bool networks_only = false);

struct CollectiveInputs {
    Collective op = Collective::AllReduce;
    int gpus = 8;
    double bytes = 1e9;              // S, per GPU
    std::string link = "nvlink4";    // the scale-up link (or a network)
    std::string network = "ib-ndr";  // used when the ring leaves the link's domain
};

struct CollectiveEstimate {
    bool ok = false;
    std::string error;      // for a learner, when !ok
    double bytes_sent = 0;  // per GPU
    int steps = 0;
    const LinkSpec* bottleneck = nullptr;  // the link whose bandwidth sets the time
    bool left_domain = false;              // the rings had to use the network
    double bandwidth = 0;                  // B, bytes/s: what one GPU's share moves at
    double seconds = 0;
    double latency_seconds = 0;   // the steps x latency part of seconds
    double algbw = 0, busbw = 0;  // bytes/s, as nccl-tests reports them
};
CollectiveEstimate estimate_collective(const CollectiveInputs& in);

}  // namespace dojo
