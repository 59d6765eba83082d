// The collectives explorer's arithmetic (the model is described in collective_model.h).
#include "explorers/collective_model.h"

#include <cmath>

namespace dojo {

namespace {

struct Name {
    Collective op;
    const char* name;
};
constexpr Name kNames[] = {{Collective::AllReduce, "all-reduce"},
                           {Collective::ReduceScatter, "reduce-scatter"},
                           {Collective::AllGather, "all-gather"},
                           {Collective::AllToAll, "all-to-all"}};

}  // namespace

bool parse_collective(std::string_view name, Collective& op) {
    for (const Name& n : kNames)
        if (name == n.name) {
            op = n.op;
            return true;
        }
    return false;
}

const char* collective_name(Collective op) {
    for (const Name& n : kNames)
        if (n.op == op) return n.name;
    return "all-reduce";
}

const std::vector<std::string>& collective_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const Name& n : kNames) v.push_back(n.name);
        return v;
    }();
    return names;
}

const std::vector<LinkSpec>& link_table() {
    // Bandwidths are one direction of one GPU's links, GB/s (decimal). NVIDIA prints NVLink as the
    // total of both directions (900 GB/s for Hopper, 1.8 TB/s for Blackwell), so half of it is here.
    // Latencies are typical per-step costs seen in NCCL's small-message results, not vendor figures.
    static const std::vector<LinkSpec> links = {
        {"nvlink4", "NVLink 4 (HGX H100, 8 GPUs)", 450, 3, 8,
         "https://www.nvidia.com/en-us/data-center/nvlink/ (900 GB/s per GPU, both directions)"},
        {"nvlink5", "NVLink 5 (GB200 NVL72, 72 GPUs)", 900, 3, 72,
         "https://www.nvidia.com/en-us/data-center/nvlink/ (1.8 TB/s per GPU, both directions)"},
        {"pcie4", "PCIe 4.0 x16 (8 GPUs in one server)", 31.5, 5, 8,
         "PCI-SIG: 16 GT/s x 16 lanes, 128b/130b encoding = 31.5 GB/s each way"},
        {"pcie5", "PCIe 5.0 x16 (8 GPUs in one server)", 63, 5, 8,
         "PCI-SIG: 32 GT/s x 16 lanes, 128b/130b encoding = 63 GB/s each way"},
        {"ib-ndr", "InfiniBand NDR, 400 Gb/s per GPU", 50, 6, 0, "NVIDIA ConnectX-7: 400 Gb/s = 50 GB/s each way"},
        {"ib-xdr", "InfiniBand XDR, 800 Gb/s per GPU", 100, 6, 0, "NVIDIA ConnectX-8: 800 Gb/s = 100 GB/s each way"},
        {"roce-400g", "Ethernet with RoCE, 400 Gb/s per GPU", 50, 8, 0, "400 Gb Ethernet (IEEE 802.3bs) = 50 GB/s each way"},
        {"eth-100g", "Ethernet, 100 Gb/s per server (8 GPUs share it)", 100.0 / 8 / 8, 15, 0,
         "100 Gb Ethernet = 12.5 GB/s, shared by 8 GPUs"},
    };
    return links;
}

const LinkSpec* find_link(std::string_view id) {
    for (const LinkSpec& l : link_table())
        if (l.id == id) return &l;
    return nullptr;
}

std::vector<std::string> link_ids(bool networks_only) {
    std::vector<std::string> ids;
    for (const LinkSpec& l : link_table())
        if (!networks_only || l.domain == 0) ids.push_back(l.id);
    return ids;
}

CollectiveEstimate estimate_collective(const CollectiveInputs& in) {
    CollectiveEstimate e;
    const LinkSpec* link = find_link(in.link);
    if (!link) {
        e.error = "There is no link called '" + in.link + "'.";
        return e;
    }
    if (in.gpus < 2) {
        e.error = "A collective needs at least two GPUs.";
        return e;
    }
    if (!(in.bytes > 0) || !std::isfinite(in.bytes)) {
        e.error = "Each GPU must hold more than zero bytes.";
        return e;
    }
    e.bottleneck = link;
    e.bandwidth = link->gbs * 1e9;
    double latency_us = link->latency_us;
    if (link->domain > 0 && in.gpus > link->domain) {
        const LinkSpec* network = find_link(in.network);
        if (!network || network->domain != 0) {
            e.error = "More than " + std::to_string(link->domain) + " GPUs leave the " + link->name + " domain, and '" +
                      in.network + "' is not a network to join them.";
            return e;
        }
        e.left_domain = true;
        latency_us = network->latency_us;
        // One ring through each GPU's NIC: the domain's NICs carry the traffic between domains together.
        const double nics = network->gbs * 1e9 * link->domain;
        if (nics < e.bandwidth) {
            e.bandwidth = nics;
            e.bottleneck = network;
        }
    }
    const double n = in.gpus;
    const double share = (n - 1) / n;
    if (in.op == Collective::AllReduce) {
        e.bytes_sent = 2 * share * in.bytes;
        e.steps = 2 * (in.gpus - 1);
    } else {
        e.bytes_sent = share * in.bytes;
        e.steps = in.gpus - 1;
    }
    e.latency_seconds = e.steps * latency_us * 1e-6;
    e.seconds = e.latency_seconds + e.bytes_sent / e.bandwidth;
    e.algbw = in.bytes / e.seconds;
    e.busbw = e.bytes_sent / e.seconds;
    e.ok = true;
    return e;
}

}  // namespace dojo
