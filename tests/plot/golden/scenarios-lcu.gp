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

if (!exists('ds_data')) ds_data = 'scenarios-lcu.plot.csv'
if (!exists('ds_output')) ds_output = 'scenarios-lcu.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'Japan (JPN): defense spending at shares of 2024 GDP' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'share of 2024 GDP (JPY, current, definition wdi)' noenhanced
set xrange [-0.6:1.6]
set ylabel 'spending, current JPY tn' noenhanced
set yrange [0:23.88975792]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 4.2
set label 'Source: GDP: World Bank WDI NY.GDP.MKTP.CN (vintage 2025-10-07); baseline (Ministry of Defense initial budget incl. SACO/US-realignment costs): Japan' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'MoD budget table [S20 S21 S22 S23] (vintage 2025-12-26); chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 6.7
set xtics ('2%%' 0) noenhanced
set label '¥12.2 tn, 1.53x' at first 0, first 12.188652 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('3.5%%' 1)
set label '¥21.3 tn, 2.68x' at first 1, first 21.330141 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
plot \
  ds_data skip 1 using 1:2:(0.6) with boxes lt 1 fs solid 0.85 title 'Spending at the target share of 2024 GDP (x baseline)', \
  (7.9496) with lines lc rgb ds_ink lw 2 dt 2 title 'Baseline: ¥7.95 tn (1.30% of 2024 GDP in JPY)'
unset output
