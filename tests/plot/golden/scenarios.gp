# Chart written by defspend.  Edit and re-run with: gnuplot THIS-FILE.gp
# (run it in this directory; the data file and the image are named below).

# ---- house style: plots/defspend.gp ----
# defspend house style for gnuplot charts.
#
# Copied verbatim into every script `defspend plot` and `defspend report`
# write, so a script runs on its own.  Fonts: DejaVu Sans (Debian
# fonts-dejavu-core, pulled in by gnuplot); colours: the Okabe-Ito palette,
# safe for the common colour-vision deficiencies, in the order below;
# lines thick enough to read when the chart is shrunk into a report.
ds_font = 'DejaVu Sans'
ds_ink = '#222222'
ds_grey = '#666666'
# Okabe & Ito (2008): blue, vermillion, bluish green, orange,
# reddish purple, sky blue, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2.5 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.5 pt 5 ps 1.1 dt 1
set linetype 3 lc rgb '#009E73' lw 2.5 pt 9 ps 1.2 dt 1
set linetype 4 lc rgb '#E69F00' lw 2.5 pt 13 ps 1.2 dt 1
set linetype 5 lc rgb '#CC79A7' lw 2.5 pt 11 ps 1.2 dt 1
set linetype 6 lc rgb '#56B4E9' lw 2.5 pt 15 ps 1.1 dt 1
set linetype 7 lc rgb '#000000' lw 2.5 pt 6 ps 1.1 dt 1
set linetype 8 lc rgb '#F0E442' lw 2.5 pt 4 ps 1.1 dt 1
set linetype cycle 8
# a sequential, colour-blind-safe palette for heatmaps (ColorBrewer
# YlGnBu, light half, so black value labels stay readable on every cell)
set palette defined (0 '#ffffd9', 1 '#edf8b1', 2 '#c7e9b4', 3 '#7fcdbb', 4 '#41b6c4')
set border 3 lc rgb ds_ink lw 1
set tics nomirror out scale 0.6 textcolor rgb ds_ink
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set grid layerdefault back
set style fill solid 0.85 noborder
set key textcolor rgb ds_ink samplen 2.5 spacing 1.15 noautotitle
set datafile separator comma
set datafile missing ''
set decimalsign '.'
# ---- end of house style ----

if (!exists('ds_data')) ds_data = 'scenarios.plot.csv'
if (!exists('ds_output')) ds_output = 'scenarios.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'Japan (JPN): defense spending at shares of 2024 GDP' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'share of 2024 GDP (US$, current, definition wdi)' noenhanced
set xrange [-0.6:4.6]
set ylabel 'spending, current US$ bn' noenhanced
set yrange [0:225.467805984]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 6.6
set label 'Source: GDP: World Bank WDI DataBank NY.GDP.MKTP.CD (vintage 2025-12-04); actual spending: World Bank WDI MS.MIL.XPND.GD.ZS (vintage 2026-02-24);' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'baseline (Ministry of Defense initial budget incl. SACO/US-realignment costs): Japan MoD budget table [U11] (vintage 2025-12-26); chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 6.7
set xtics ('actual 2024: 1.37%%' 0) noenhanced
set label '$55.2 bn' at first 0, first 56 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('1%%' 1)
set label '$40.3 bn, 0.72x (0.77x one rate)' at first 1, first 56 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('3%%' 2)
set label '$120.8 bn, 2.16x (2.30x one rate)' at first 2, first 120.786324634 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('3.5%%' 3)
set label '$140.9 bn, 2.52x (2.68x one rate)' at first 3, first 140.91737874 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('5%%' 4)
set label '$201.3 bn, 3.59x (3.83x one rate)' at first 4, first 201.310541057 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
plot \
  ds_data skip 1 using 1:2:(0.6) with boxes lt 1 fs solid 0.85 title 'Spending at the target share of 2024 GDP (x baseline)', \
  ds_data skip 1 using 1:3:(0.6) with boxes lt 4 fs solid 0.85 title 'Actual military expenditure, 2024 (World Bank WDI)', \
  (56) with lines lc rgb ds_ink lw 2 dt 2 title 'Baseline: $56.0 bn as reported = 1.39% of 2024 GDP in US$ ($52.5 bn = 1.30% at one rate, ¥151.37/$)'
unset output
