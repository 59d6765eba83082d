#!/usr/bin/env bash
# Draws lessons/images/bandwidth.png: peak memory bandwidth of three kinds of memory.
# Needs ImageMagick (convert or magick) and the Inter font. Run from anywhere:
#   bash lessons/images/make_bandwidth_chart.sh
# Numbers (peak, per device):
#   DDR5-5600, two channels: 2 channels x 64 bits x 5600 MT/s / 8 = 89.6 GB/s (JEDEC DDR5 arithmetic)
#   RTX 4090, GDDR6X:        1008 GB/s (NVIDIA GeForce RTX 4090 specifications, 2022)
#   H100 SXM, HBM3:          3350 GB/s (NVIDIA H100 Tensor Core GPU datasheet, 2023)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/bandwidth.png}"
font="${DOJO_FONT:-/usr/share/fonts/opentype/inter/Inter-Regular.otf}"
font_bold="${DOJO_FONT_BOLD:-/usr/share/fonts/opentype/inter/Inter-SemiBold.otf}"
[ -f "$font_bold" ] || font_bold="$font"

if command -v magick >/dev/null 2>&1; then im=(magick); else im=(convert); fi

W=900; H=360
bg="#11141B"; text="#E8EBF1"; dim="#9AA4B5"; bar="#3FD0C0"; grid="#2C3446"
label_x=30          # left edge of the row labels
bar_x=250           # where bars start
bar_max=500         # width of the longest bar (3350 GB/s)
max_value=3350

# label | sublabel | value (GB/s) | value text
rows=(
  "Desktop RAM|DDR5-5600, dual channel|89.6|89.6 GB/s"
  "RTX 4090|GDDR6X, 24 GB|1008|1,008 GB/s"
  "H100 SXM|HBM3, 80 GB|3350|3,350 GB/s"
)

args=(-size "${W}x${H}" "xc:$bg")
args+=(-font "$font_bold" -fill "$text" -pointsize 22 -annotate +30+46 "Peak memory bandwidth (GB/s)")
args+=(-font "$font" -fill "$dim" -pointsize 14 -annotate +30+72 "Higher is faster. Theoretical peaks from the specifications; real programs reach less.")

# Vertical grid lines every 1000 GB/s.
for v in 0 1000 2000 3000; do
  x=$(( bar_x + v * bar_max / max_value ))
  args+=(-stroke "$grid" -strokewidth 1 -draw "line $x,96 $x,318" -stroke none)
  args+=(-font "$font" -fill "$dim" -pointsize 13 -annotate "+$(( x - ${#v} * 4 ))+338" "$v")
done

y=110
for row in "${rows[@]}"; do
  IFS='|' read -r name sub value vtext <<<"$row"
  w=$(awk -v v="$value" -v m="$max_value" -v b="$bar_max" 'BEGIN { w = v / m * b; if (w < 3) w = 3; printf "%d", w + 0.5 }')
  args+=(-font "$font_bold" -fill "$text" -pointsize 18 -annotate "+${label_x}+$(( y + 20 ))" "$name")
  args+=(-font "$font" -fill "$dim" -pointsize 14 -annotate "+${label_x}+$(( y + 42 ))" "$sub")
  args+=(-fill "$bar" -draw "roundrectangle $bar_x,$(( y + 6 )) $(( bar_x + w )),$(( y + 42 )) 4,4")
  args+=(-font "$font" -fill "$text" -pointsize 16 -annotate "+$(( bar_x + w + 10 ))+$(( y + 30 ))" "$vtext")
  y=$(( y + 70 ))
done

"${im[@]}" "${args[@]}" -strip -define png:compression-level=9 "PNG24:$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
