// The Labs view's settings form for one measuring lab: the backend (unusable ones greyed, with why),
// the kernels, the sizes, the repetitions and the lab's own choices, then Run. With results on screen
// it folds into one summary line. It keeps the learner's choices per lab; the catalog gives the rest.
#pragma once

#include <map>
#include <set>
#include <string>

#include "labs/lab_catalog.h"
#include "labs/lab_host.h"

namespace dojo {

// What pressing Run asked for: a request to start, or why there is none.
struct LabFormAction {
    bool run = false;
    LabRequest request;
    std::string error;  // e.g. "Pick at least one kernel."
};

class LabSettingsForm {
public:
    // A lesson block's or a link's parameters for `lab`: size, backend, kernel (of that backend, or
    // "all"), a crossover's max_size. Each is checked by the catalog; a bad one changes nothing and
    // comes back as what is wrong with it.
    [[nodiscard]] std::vector<std::string> apply_params(const LabInfo& lab, const std::map<std::string, std::string>& params,
                                                        LabHost* host);

    // `folded`: results (or a run) are on screen, so unless the learner unfolded the settings they
    // show as one line. `error` is shown inside the form.
    [[nodiscard]] LabFormAction draw(float width, const LabInfo& lab, LabHost& host, bool folded, bool running,
                                     const std::string& error);
    void fold(const std::string& lab) { unfolded_.erase(lab); }

private:
    struct Layout;
    const LabBackendInfo* choose_backend(const LabInfo& lab, const std::vector<LabBackendInfo>& backends);
    void draw_nothing_usable(float width, const LabInfo& lab, const std::vector<LabBackendInfo>& backends);
    bool draw_summary(float width, const LabInfo& lab, const LabBackendInfo* current, bool can_run, const std::string& error);
    void draw_backend_row(const Layout& layout, const LabInfo& lab, const std::vector<LabBackendInfo>& backends,
                          const LabBackendInfo* current, bool ready, bool nothing_usable, bool running);
    void draw_kernel_row(const Layout& layout, float width, const LabBackendInfo& current, bool running);
    void draw_size_row(const Layout& layout, const LabInfo& lab, bool running);
    void draw_repetitions_row();
    void draw_preset_rows(const Layout& layout, const LabInfo& lab);
    LabFormAction request_for(const LabInfo& lab, const LabBackendInfo& current);

    std::map<std::string, std::string> backend_;        // chosen backend per lab
    std::map<std::string, std::set<std::string>> off_;  // unchecked kernels per backend
    std::map<std::string, std::set<int>> sizes_;        // chosen sizes per lab
    std::map<std::string, int> preset_;                 // "<lab>/<param>": the chosen preset's index
    int repetitions_ = 5;
    std::set<std::string> unfolded_;  // labs whose settings are unfolded beside results
};

}  // namespace dojo
