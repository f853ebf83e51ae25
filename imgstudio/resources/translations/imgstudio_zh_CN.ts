<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="41"/>
        <source>CUDA build</source>
        <translation>CUDA 构建</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="42"/>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="43"/>
        <source>devices</source>
        <translation>可用设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="44"/>
        <source>log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="50"/>
        <source>About imgstudio</source>
        <translation>关于 imgstudio</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="52"/>
        <source>&lt;h2&gt;imgstudio {0}&lt;/h2&gt;&lt;p&gt;Image data processing and analysis with neural networks.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;imgstudio {0}&lt;/h2&gt;&lt;p&gt;基于神经网络的图像数据处理与分析。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="57"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="57"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="69"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="75"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="76"/>
        <source>Copy these versions, to paste into a report</source>
        <translation>复制这些版本信息，以便粘贴到问题报告中</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="87"/>
        <source>unavailable: {0}</source>
        <translation>不可用：{0}</translation>
    </message>
</context>
<context>
    <name>AnnotatePage</name>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="30"/>
        <source>Open image folder…</source>
        <translation>打开图像文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="31"/>
        <source>The images to annotate; their boxes are saved as you draw</source>
        <translation>要标注的图像；框在绘制时即自动保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="34"/>
        <source>COCO JSON (annotations.json)</source>
        <translation>COCO JSON（annotations.json）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="35"/>
        <source>Pascal VOC (.xml beside each image)</source>
        <translation>Pascal VOC（每张图像旁的 .xml）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="36"/>
        <source>YOLO (.txt beside each image, classes.txt)</source>
        <translation>YOLO（每张图像旁的 .txt，外加 classes.txt）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="37"/>
        <source>How a new annotation set is saved (an existing one keeps its format)</source>
        <translation>新标注集的保存格式（已有标注集保持原格式）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="38"/>
        <source>Open annotations…</source>
        <translation>打开标注…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="39"/>
        <source>An existing COCO .json file for the chosen image folder</source>
        <translation>所选图像文件夹对应的现有 COCO .json 文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="42"/>
        <source>No folder open</source>
        <translation>未打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="45"/>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="62"/>
        <source>Folder of images to annotate</source>
        <translation>待标注图像所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="79"/>
        <source>Cannot annotate {0}: {1}</source>
        <translation>无法标注 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="83"/>
        <source>{0}: no images</source>
        <translation>{0}：没有图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="88"/>
        <source>beside the images</source>
        <translation>图像旁</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="90"/>
        <source>{0} images in {1} · boxes saved as {2} ({3})</source>
        <translation>{1} 中共 {0} 张图像 · 框保存为 {2}（{3}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="100"/>
        <source>COCO annotations</source>
        <translation>COCO 标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="100"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/annotate_page.py" line="118"/>
        <source>annotate at least two images to train on ({0} so far)</source>
        <translation>请至少标注两张图像再训练（目前 {0} 张）</translation>
    </message>
</context>
<context>
    <name>ArchitectureDiagram</name>
    <message>
        <location filename="../../ui/widgets/architecture_diagram.py" line="42"/>
        <source>Blue: convolution; orange: pooling; green: fully connected</source>
        <translation>蓝色：卷积；橙色：池化；绿色：全连接</translation>
    </message>
</context>
<context>
    <name>AugmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="46"/>
        <source>Augmentation preview</source>
        <translation>数据增强预览</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="55"/>
        <source>Number of random draws</source>
        <translation>随机抽样的数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="56"/>
        <source>New draws</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="57"/>
        <source>Draw again with new random seeds</source>
        <translation>用新的随机种子重新抽样</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="64"/>
        <source>No random ranges in this pipeline: every draw is the same. Use ± on a parameter to augment.</source>
        <translation>此流水线中没有随机范围：每次抽样结果都相同。在参数上使用 ± 即可进行数据增强。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="67"/>
        <source>Draws:</source>
        <translation>抽样数：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/augment_dialog.py" line="121"/>
        <source>Seed {0}: {1}×{2}</source>
        <translation>种子 {0}：{1}×{2}</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="105"/>
        <source>Apply pipeline to a folder</source>
        <translation>将流水线应用于文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="122"/>
        <source>Input folder</source>
        <translation>输入文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="122"/>
        <source>Folder whose images the pipeline is applied to</source>
        <translation>要应用流水线的图像所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="126"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="127"/>
        <source>Folder the results are written to (created if needed; not inside the input folder)</source>
        <translation>结果写入的文件夹（必要时自动创建；不能位于输入文件夹内）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="129"/>
        <source>Include sub-folders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="130"/>
        <source>Also process images in sub-folders, keeping the folder structure</source>
        <translation>同时处理子文件夹中的图像，并保留文件夹结构</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="133"/>
        <source>Same as input</source>
        <translation>与输入相同</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="134"/>
        <source>File format of the results; &apos;Same as input&apos; keeps each file&apos;s format</source>
        <translation>结果的文件格式；“与输入相同”保留每个文件原有的格式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="140"/>
        <source>Compression quality for JPEG and WebP (higher: larger, better files)</source>
        <translation>JPEG 和 WebP 的压缩质量（越高：文件越大、质量越好）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="141"/>
        <source>Replace existing files in the output folder</source>
        <translation>替换输出文件夹中已有的文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="143"/>
        <source>Off: files already in the output folder are skipped. Input files are never replaced.</source>
        <translation>关闭时：跳过输出文件夹中已有的文件。输入文件永远不会被替换。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="147"/>
        <source>The enabled steps of the current pipeline, in order</source>
        <translation>当前流水线中已启用的步骤（按顺序）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="150"/>
        <source>Input folder:</source>
        <translation>输入文件夹：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="151"/>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="155"/>
        <source>Quality:</source>
        <translation>质量：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="157"/>
        <source>Output format:</source>
        <translation>输出格式：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="159"/>
        <source>Pipeline:</source>
        <translation>流水线：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="167"/>
        <source>Images processed so far</source>
        <translation>已处理的图像</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="170"/>
        <source>Images done / total, speed and estimated time left</source>
        <translation>已完成/总图像数、速度和预计剩余时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="173"/>
        <source>The report of the run: failed and skipped files, with reasons</source>
        <translation>本次运行的报告：失败和跳过的文件及其原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="174"/>
        <source>What the last run did, file by file</source>
        <translation>上次运行逐个文件的处理情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="177"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="178"/>
        <source>Apply the pipeline to every image of the input folder</source>
        <translation>将流水线应用于输入文件夹中的每张图像</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="181"/>
        <location filename="../../ui/dialogs/batch_dialog.py" line="231"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="215"/>
        <source>No enabled steps: images are only re-encoded.</source>
        <translation>没有已启用的步骤：图像只会被重新编码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="216"/>
        <source>{count} enabled step(s): {steps}</source>
        <translation>{count} 个已启用步骤：{steps}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="231"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="233"/>
        <source>Stop after the current image; what was written is kept</source>
        <translation>处理完当前图像后停止；已写入的文件会保留</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="235"/>
        <source>Close this dialog</source>
        <translation>关闭此对话框</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="247"/>
        <source>Choose an input folder.</source>
        <translation>请选择输入文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="250"/>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="276"/>
        <source>Listing images…</source>
        <translation>正在列出图像…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="293"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="310"/>
        <source>{done} / {total} — {rate:.1f} images/s — ETA {eta}</source>
        <translation>{done} / {total} — {rate:.1f} 张/秒 — 预计剩余 {eta}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="327"/>
        <source>The batch could not run: {message}</source>
        <translation>批量处理无法运行：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="348"/>
        <source>Cancelled after {done} of {total} images: {written} file(s) written.</source>
        <translation>已在处理 {done}/{total} 张图像后取消：写入了 {written} 个文件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="352"/>
        <source>No images found in the input folder.</source>
        <translation>输入文件夹中没有找到图像。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="354"/>
        <source>Done in {time}: {written} written, {failed} failed, {skipped} skipped, of {total} images.</source>
        <translation>用时 {time} 完成：共 {total} 张图像，写入 {written} 张，失败 {failed} 张，跳过 {skipped} 张。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="366"/>
        <source>Failed:</source>
        <translation>失败：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="366"/>
        <source>Skipped:</source>
        <translation>跳过：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="371"/>
        <source>Results are in {folder}</source>
        <translation>结果位于 {folder}</translation>
    </message>
</context>
<context>
    <name>BoxEditor</name>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="88"/>
        <source>Drag on the image to draw a box (Shift+drag inside another box). Drag a box to move it, its handles to resize it. Wheel: zoom; middle or right button: pan.</source>
        <translation>在图像上拖动以绘制框（在另一个框内按住 Shift 拖动）。拖动框可移动它，拖动其控制点可调整大小。滚轮：缩放；中键或右键：平移。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="113"/>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="113"/>
        <source>Previous image (A, Page Up, ←)</source>
        <translation>上一张图像（A、Page Up、←）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="115"/>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="115"/>
        <source>Next image (D, Page Down, →)</source>
        <translation>下一张图像（D、Page Down、→）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="118"/>
        <source>Label of new boxes and of the selected box (keys 1–9)</source>
        <translation>新框和所选框的标签（按键 1–9）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="121"/>
        <source>new label</source>
        <translation>新标签</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="122"/>
        <source>Type the name of a new class and press Enter to add it</source>
        <translation>输入新类别的名称并按 Enter 添加</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="127"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="127"/>
        <source>Add the typed label</source>
        <translation>添加输入的标签</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="130"/>
        <source>Delete box</source>
        <translation>删除框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="130"/>
        <source>Delete the selected box (Delete)</source>
        <translation>删除所选框（Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="132"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="132"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="133"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="133"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="134"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="134"/>
        <source>Show the whole image (F)</source>
        <translation>显示整张图像（F）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="135"/>
        <source>Pre-annotate</source>
        <translation>预标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="141"/>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="222"/>
        <source>Cannot show this image: {0}</source>
        <translation>无法显示此图像：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="246"/>
        <source>pre-annotate</source>
        <translation>预标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="276"/>
        <source>draw box</source>
        <translation>绘制框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="281"/>
        <source>change box</source>
        <translation>修改框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="287"/>
        <source>delete box</source>
        <translation>删除框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="340"/>
        <source>change label</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="464"/>
        <source>no images</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="467"/>
        <source>{0} box</source>
        <translation>{0} 个框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="467"/>
        <source>{0} boxes</source>
        <translation>{0} 个框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="469"/>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="471"/>
        <source>unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="473"/>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="474"/>
        <source>image {0} of {1} · {2} · {3}</source>
        <translation>第 {0}/{1} 张图像 · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="494"/>
        <source>box {0}: {1} · x {2}, y {3} · {4} × {5} px</source>
        <translation>框 {0}：{1} · x {2}，y {3} · {4} × {5} 像素</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="504"/>
        <source>Not saved: {0}. Your edits are kept; saving is tried again after the next change.</source>
        <translation>未保存：{0}。你的编辑已保留；下次修改后会再次尝试保存。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="514"/>
        <source>… and {0} more problems</source>
        <translation>… 以及另外 {0} 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="532"/>
        <source>Undo {0} (Ctrl+Z)</source>
        <translation>撤销{0}（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="533"/>
        <source>Redo {0} (Ctrl+Shift+Z)</source>
        <translation>重做{0}（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="538"/>
        <source>No detector: load or train a detector first, then its boxes can be corrected here</source>
        <translation>没有检测器：请先加载或训练一个检测器，然后即可在此修正它给出的框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/box_editor.py" line="540"/>
        <source>Replace this image&apos;s boxes with the boxes {0} finds, to correct them</source>
        <translation>用 {0} 检测到的框替换此图像的框，以便修正</translation>
    </message>
</context>
<context>
    <name>ClassifyTab</name>
    <message>
        <location filename="../../ui/tabs/classify.py" line="70"/>
        <source>imgstudio model (*.safetensors);;All files (*)</source>
        <translation>imgstudio 模型 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="71"/>
        <source>Images ({0});;All files (*)</source>
        <translation>图像 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="84"/>
        <source>{0} · {1} classes: {2} · input {3}×{3}×{4} · {5}</source>
        <translation>{0} · {1} 个类别：{2} · 输入 {3}×{3}×{4} · {5}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="163"/>
        <source>Image</source>
        <translation>单张图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="164"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="165"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="177"/>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="178"/>
        <source>Open a trained model file (.safetensors); the file alone says its classes and input size</source>
        <translation>打开已训练的模型文件（.safetensors）；文件本身即包含其类别和输入尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="186"/>
        <source>Training runs, newest first: choose one to load its best model</source>
        <translation>训练运行（最新的在前）：选择一个以加载其最佳模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="191"/>
        <source>Look for training runs again</source>
        <translation>重新查找训练运行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="194"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="200"/>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="201"/>
        <source>How many of the most likely classes to show and export per image</source>
        <translation>每张图像显示和导出的最可能类别数</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="211"/>
        <source>Drop an image file here to classify it</source>
        <translation>将图像文件拖放到此处进行分类</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="214"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="215"/>
        <source>Classify one image file (or drop one on this page)</source>
        <translation>对一个图像文件进行分类（或将其拖放到此页面）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="220"/>
        <source>Drop an image here</source>
        <translation>将图像拖放到此处</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="229"/>
        <source>Why? Explain with Grad-CAM</source>
        <translation>为什么？用 Grad-CAM 解释</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="230"/>
        <source>Show in the Explain tab where the network looked</source>
        <translation>在“解释”标签页中显示网络关注的区域</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="248"/>
        <source>or drop an image file on this page</source>
        <translation>或将图像文件拖放到此页面</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="257"/>
        <source>Classify folder…</source>
        <translation>分类文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="258"/>
        <source>Classify every image of a folder; results stream into the table</source>
        <translation>对文件夹中的每张图像进行分类；结果会逐步填入表格</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="263"/>
        <source>Include subfolders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="264"/>
        <source>Also classify the images in every subfolder</source>
        <translation>同时对每个子文件夹中的图像进行分类</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="266"/>
        <source>Filter by file, class or error…</source>
        <translation>按文件、类别或错误筛选…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="268"/>
        <source>Show only rows containing this text</source>
        <translation>只显示包含此文本的行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="270"/>
        <source>Images classified so far</source>
        <translation>已分类的图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="273"/>
        <location filename="../../ui/tabs/classify.py" line="360"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="274"/>
        <source>Stop classifying; the rows done so far stay</source>
        <translation>停止分类；已完成的行会保留</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="296"/>
        <source>Click a column header to sort; double-click a row to see the image</source>
        <translation>单击列标题进行排序；双击一行查看图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="313"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="314"/>
        <source>Save the predictions as CSV (the format of `imgstudio predict --csv`)</source>
        <translation>将预测结果保存为 CSV（与 `imgstudio predict --csv` 格式相同）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="320"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="321"/>
        <source>Save the predictions as JSON, unreadable files included</source>
        <translation>将预测结果保存为 JSON（包括无法读取的文件）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="351"/>
        <source>Evaluate on folder…</source>
        <translation>在文件夹上评估…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="352"/>
        <source>Choose a labelled folder: one subfolder per class, named like the model&apos;s classes</source>
        <translation>选择一个已标注的文件夹：每个类别一个子文件夹，名称与模型的类别相同</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="358"/>
        <source>Images evaluated so far</source>
        <translation>已评估的图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="360"/>
        <source>Stop the evaluation</source>
        <translation>停止评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="363"/>
        <source>Evaluate the model on a labelled folder to see its accuracy</source>
        <translation>在已标注的文件夹上评估模型，即可查看其准确率</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="368"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="368"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="368"/>
        <source>F1</source>
        <translation>F1 值</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="368"/>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="374"/>
        <source>Precision: share of the images predicted as the class that are of it. Recall: share of the class&apos;s images found. F1: their harmonic mean. Support: images of the class.</source>
        <translation>精确率：被预测为该类别的图像中真正属于该类别的比例。召回率：该类别的图像中被找出的比例。F1 值：二者的调和平均数。样本数：该类别的图像数。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="380"/>
        <location filename="../../ui/tabs/classify.py" line="795"/>
        <source>Click a cell of the confusion matrix to see its images</source>
        <translation>单击混淆矩阵的单元格以查看对应的图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="384"/>
        <source>Most confident mistakes</source>
        <translation>置信度最高的错误</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="387"/>
        <source>Wrong predictions the model was surest of, as true → predicted (confidence)</source>
        <translation>模型最有把握的错误预测，格式为 真实 → 预测（置信度）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="390"/>
        <source>Why? Explain the selected image</source>
        <translation>为什么？解释所选图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="391"/>
        <source>Grad-CAM of the selected mistake in the Explain tab</source>
        <translation>在“解释”标签页中显示所选错误的 Grad-CAM</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="399"/>
        <source>Confusion matrix — rows: true class, columns: predicted</source>
        <translation>混淆矩阵 — 行：真实类别，列：预测类别</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="435"/>
        <source>wait for the running job to finish, or cancel it</source>
        <translation>请等待正在运行的任务完成，或将其取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="436"/>
        <source>load a model first</source>
        <translation>请先加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="450"/>
        <source>classify a folder first</source>
        <translation>请先分类一个文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="453"/>
        <source>nothing is running</source>
        <translation>没有正在运行的任务</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="479"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="487"/>
        <source>Busy: wait for the running job to finish, or cancel it</source>
        <translation>忙碌中：请等待正在运行的任务完成，或将其取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="493"/>
        <source>Load a model first</source>
        <translation>请先加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="500"/>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="509"/>
        <source>Loading model {0}…</source>
        <translation>正在加载模型 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="518"/>
        <source>{0}: a &apos;{1}&apos; model, not an image classifier</source>
        <translation>{0}：这是“{1}”模型，不是图像分类器</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="524"/>
        <source>Cannot load model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="530"/>
        <source>Select a mistake first</source>
        <translation>请先选择一个错误</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="539"/>
        <source>{0}
Classes: {1}
Trained on: {2}; epoch {3}; device {4}</source>
        <translation>{0}
类别：{1}
训练数据：{2}；第 {3} 轮；设备 {4}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="547"/>
        <source>Loaded model {0} ({1} classes)</source>
        <translation>已加载模型 {0}（{1} 个类别）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="554"/>
        <source>Recent runs…</source>
        <translation>最近的训练运行…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="563"/>
        <source> — val {0}</source>
        <translation> — 验证 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="568"/>
        <source>No training runs found</source>
        <translation>未找到训练运行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="578"/>
        <source>Classify image</source>
        <translation>分类图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="601"/>
        <location filename="../../ui/tabs/classify.py" line="653"/>
        <source>Classifying {0}…</source>
        <translation>正在分类 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="602"/>
        <source>Cannot classify image</source>
        <translation>无法分类图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="615"/>
        <source>{0}: {1} ({2})</source>
        <translation>{0}：{1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="620"/>
        <source>Classify folder</source>
        <translation>分类文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="654"/>
        <source>Cannot classify folder</source>
        <translation>无法分类文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="676"/>
        <source>{0} / {1} images · {2} images/s</source>
        <translation>{0} / {1} 张图像 · {2} 张/秒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="687"/>
        <source>Cancelled: {0} images classified</source>
        <translation>已取消：已分类 {0} 张图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="689"/>
        <source>{0}: no images</source>
        <translation>{0}：没有图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="691"/>
        <source>{0} images classified in {1} s ({2} images/s)</source>
        <translation>已分类 {0} 张图像，用时 {1} 秒（{2} 张/秒）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="697"/>
        <source>; {0} unreadable (see the Error column)</source>
        <translation>；{0} 张无法读取（见“错误”列）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="710"/>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="710"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="712"/>
        <source>Export predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="727"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="729"/>
        <source>Exported {0} predictions to {1}</source>
        <translation>已将 {0} 条预测结果导出到 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="735"/>
        <source>Evaluate on a labelled folder</source>
        <translation>在已标注的文件夹上评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="753"/>
        <source>Evaluating on {0}…</source>
        <translation>正在 {0} 上评估…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="754"/>
        <source>Cannot evaluate</source>
        <translation>无法评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="757"/>
        <source>Evaluation cancelled</source>
        <translation>评估已取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="774"/>
        <source>Accuracy {0} — {1} of {2} images right</source>
        <translation>准确率 {0} — {2} 张图像中 {1} 张正确</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="778"/>
        <source>; files skipped (unreadable): {0}</source>
        <translation>；跳过的文件（无法读取）：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="804"/>
        <source>Most confident mistakes ({0})</source>
        <translation>置信度最高的错误（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/classify.py" line="818"/>
        <source>True {0}, predicted {1}: {2} images</source>
        <translation>真实 {0}，预测 {1}：{2} 张图像</translation>
    </message>
</context>
<context>
    <name>ColorControl</name>
    <message>
        <location filename="../../ui/widgets/param_controls.py" line="243"/>
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <location filename="../../ui/widgets/confusion_matrix.py" line="44"/>
        <source>Columns: the class the model predicted</source>
        <translation>列：模型预测的类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/confusion_matrix.py" line="45"/>
        <source>Rows: the true class (the image&apos;s folder)</source>
        <translation>行：真实类别（图像所在的文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/confusion_matrix.py" line="46"/>
        <source>Rows: true class; columns: predicted class. Click a cell to see its images.</source>
        <translation>行：真实类别；列：预测类别。单击单元格查看对应的图像。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/confusion_matrix.py" line="80"/>
        <source>True {0}, predicted {1}: {2} images ({3:.1f} % of {0})</source>
        <translation>真实 {0}，预测 {1}：{2} 张图像（占 {0} 的 {3:.1f}%）</translation>
    </message>
</context>
<context>
    <name>ConvPlayground</name>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="212"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="213"/>
        <source>Convolution output</source>
        <translation>卷积输出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="214"/>
        <source>Pooled output</source>
        <translation>池化输出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="215"/>
        <source>The image the kernel slides over; the dashed box is the current patch</source>
        <translation>卷积核在其上滑动的图像；虚线框为当前的图像块</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="217"/>
        <source>The convolution output (feature map). Click a pixel to see the arithmetic behind it</source>
        <translation>卷积输出（特征图）。单击一个像素即可查看其背后的计算过程</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="219"/>
        <source>The feature map after pooling: smaller, keeping the strongest/average</source>
        <translation>池化后的特征图：尺寸更小，保留最强值/平均值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="240"/>
        <source>Output size = ⌊(n + 2·padding − dilation·(kernel−1) − 1) / stride⌋ + 1, per axis</source>
        <translation>输出尺寸 = ⌊(n + 2·填充 − 膨胀·(卷积核−1) − 1) / 步幅⌋ + 1，每个轴分别计算</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="243"/>
        <source>Pooling uses the same formula with its window as the kernel, no padding, no dilation</source>
        <translation>池化使用相同的公式，以池化窗口作为卷积核，无填充、无膨胀</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="251"/>
        <source>The output value under the mouse</source>
        <translation>鼠标所指位置的输出值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="282"/>
        <location filename="../../ui/widgets/conv_playground.py" line="452"/>
        <source>Kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="284"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="288"/>
        <source>A classic kernel: choosing one fills the grid with its numbers</source>
        <translation>经典卷积核：选择后会将其数值填入网格</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="294"/>
        <source>Kernel size: the current numbers are kept around the centre</source>
        <translation>卷积核大小：当前数值会围绕中心保留</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="299"/>
        <source>The kernel&apos;s weights: double-click a cell to type a number (orange &gt; 0, blue &lt; 0)</source>
        <translation>卷积核的权重：双击单元格输入数值（橙色 &gt; 0，蓝色 &lt; 0）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="304"/>
        <source>Sum of the weights: 1 keeps the brightness, 0 responds only to changes (edges)</source>
        <translation>权重之和：为 1 时保持亮度，为 0 时只响应变化（边缘）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="306"/>
        <source>Normalise (sum to 1)</source>
        <translation>归一化（和为 1）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="307"/>
        <source>Divide every weight by their sum, so a flat area keeps its value</source>
        <translation>每个权重除以权重之和，使平坦区域保持原值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="314"/>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="315"/>
        <source>Per channel (RGB)</source>
        <translation>逐通道（RGB）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="317"/>
        <source>Convolve the brightness only, or each of R, G and B separately with the same kernel</source>
        <translation>只对亮度做卷积，或用同一个卷积核分别对 R、G、B 各通道做卷积</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="322"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="323"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="324"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="340"/>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="343"/>
        <source>Full size</source>
        <translation>原始尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="346"/>
        <source>The image is first shrunk so its longest side is this (small sizes show single pixels)</source>
        <translation>先将图像缩小，使其最长边为此值（尺寸较小时可看清单个像素）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="348"/>
        <source>Stride: how many pixels the kernel moves each step</source>
        <translation>步幅：卷积核每一步移动的像素数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="350"/>
        <source>Zero padding: rings of zeros added around the image before convolving</source>
        <translation>零填充：卷积前在图像四周添加的零值圈数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="353"/>
        <source>Dilation: gaps between the kernel&apos;s taps (a wider view with the same weights)</source>
        <translation>膨胀（空洞）：卷积核各采样点之间的间隔（相同权重下视野更大）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="357"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="358"/>
        <location filename="../../ui/widgets/conv_playground.py" line="379"/>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="359"/>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="360"/>
        <source>Dilation</source>
        <translation>膨胀</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="364"/>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="367"/>
        <source>Add a pooling layer after the convolution</source>
        <translation>在卷积之后添加一个池化层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="370"/>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="371"/>
        <source>Average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="372"/>
        <source>Keep the largest value of each window, or their average</source>
        <translation>保留每个窗口中的最大值，或其平均值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="374"/>
        <source>Pooling window size (square)</source>
        <translation>池化窗口大小（正方形）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="375"/>
        <source>How far the pooling window moves each step</source>
        <translation>池化窗口每一步移动的距离</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="377"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="378"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="383"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="385"/>
        <source>Clip to [0, 1]</source>
        <translation>截断到 [0, 1]</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="386"/>
        <source>Normalise (min–max)</source>
        <translation>归一化（最小–最大）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="387"/>
        <source>Absolute value</source>
        <translation>绝对值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="390"/>
        <source>How outputs outside [0, 1] are shown: cut off, stretched from min to max, or as magnitudes (negative responses bright too)</source>
        <translation>超出 [0, 1] 的输出如何显示：截断、从最小值到最大值拉伸，或显示幅值（负响应同样显示为亮）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="395"/>
        <source>Export output as PNG…</source>
        <translation>将输出导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="396"/>
        <source>Save the convolution output as shown to a PNG file</source>
        <translation>将当前显示的卷积输出保存为 PNG 文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="400"/>
        <source>Show</source>
        <translation>显示方式</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="405"/>
        <source>Step by step</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="406"/>
        <source>One output value = the sum of the patch values times the kernel weights</source>
        <translation>一个输出值 = 图像块的值与卷积核权重逐项相乘后求和</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="411"/>
        <source>Input values under the kernel (headers: input row and column; grey cells are padding zeros)</source>
        <translation>卷积核覆盖的输入值（表头：输入的行和列；灰色单元格为填充的零）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="414"/>
        <source>The kernel&apos;s weights (headers: kernel row and column)</source>
        <translation>卷积核的权重（表头：卷积核的行和列）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="416"/>
        <source>Each input value times its weight</source>
        <translation>每个输入值乘以其权重</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="425"/>
        <source>The sum of the products: the output value at this position</source>
        <translation>乘积之和：该位置的输出值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="450"/>
        <source>Input patch</source>
        <translation>输入图像块</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="454"/>
        <source>Products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="465"/>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="466"/>
        <source>Move the kernel back one output position</source>
        <translation>将卷积核后退一个输出位置</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="468"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="469"/>
        <source>Move the kernel to the next output position (left to right, then down)</source>
        <translation>将卷积核移到下一个输出位置（从左到右，然后向下）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="471"/>
        <location filename="../../ui/widgets/conv_playground.py" line="742"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="474"/>
        <source>Slide the kernel automatically, one position every {0} ms</source>
        <translation>自动滑动卷积核，每 {0} 毫秒移动一个位置</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="478"/>
        <source>Which channel&apos;s arithmetic to show (per-channel mode)</source>
        <translation>显示哪个通道的计算过程（逐通道模式）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="483"/>
        <source>The output position shown, and the input rows/columns it reads</source>
        <translation>当前显示的输出位置，以及它读取的输入行/列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="509"/>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="510"/>
        <source>Box blur 3×3</source>
        <translation>均值模糊 3×3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="511"/>
        <source>Gaussian blur 3×3</source>
        <translation>高斯模糊 3×3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="512"/>
        <source>Gaussian blur 5×5</source>
        <translation>高斯模糊 5×5</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="513"/>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="514"/>
        <source>Sobel x (vertical edges)</source>
        <translation>Sobel x（竖直边缘）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="515"/>
        <source>Sobel y (horizontal edges)</source>
        <translation>Sobel y（水平边缘）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="516"/>
        <source>Laplacian (edges)</source>
        <translation>拉普拉斯（边缘）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="517"/>
        <source>Emboss</source>
        <translation>浮雕</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="518"/>
        <source>Outline</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="626"/>
        <source>Saved the convolution output to {0}</source>
        <translation>已将卷积输出保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="667"/>
        <source>Sum of weights: {0}</source>
        <translation>权重之和：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="712"/>
        <source>&apos;{0}&apos; is not a number between −1000 and 1000</source>
        <translation>“{0}”不是 −1000 到 1000 之间的数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="730"/>
        <source>Gray</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="732"/>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="732"/>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="732"/>
        <source>Blue</source>
        <translation>蓝</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="742"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="750"/>
        <source>Export the convolution output</source>
        <translation>导出卷积输出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="750"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="778"/>
        <source>Under the mouse: output (y={0}, x={1}) = {2}</source>
        <translation>鼠标处：输出 (y={0}, x={1}) = {2}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="793"/>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="793"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="795"/>
        <source>Input — {0}×{1} ({2})</source>
        <translation>输入 — {0}×{1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="798"/>
        <source>Convolution output — {0}×{1}</source>
        <translation>卷积输出 — {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="799"/>
        <source>Convolution output size
{0}</source>
        <translation>卷积输出尺寸
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="804"/>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="804"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="806"/>
        <source>Pooled ({0} {1}×{1}, stride {2}) — {3}×{4}</source>
        <translation>池化后（{0} {1}×{1}，步幅 {2}）— {3}×{4}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="810"/>
        <source>Pooling output size
{0}</source>
        <translation>池化输出尺寸
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="815"/>
        <source>{0}×{1} input → {2}×{3} feature map</source>
        <translation>{0}×{1} 输入 → {2}×{3} 特征图</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="817"/>
        <source> → {0}×{1} after pooling</source>
        <translation> → 池化后 {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="831"/>
        <source>⚠ {0} (showing the last valid output)</source>
        <translation>⚠ {0}（显示的是上一次有效的输出）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="833"/>
        <source>⚠ Convolution output — settings invalid</source>
        <translation>⚠ 卷积输出 — 设置无效</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="838"/>
        <source>Output size appears here once an image is set</source>
        <translation>设置图像后，此处会显示输出尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="840"/>
        <source>No image yet</source>
        <translation>尚无图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="861"/>
        <source>Σ products = {0:.4f}  →  output at (y={1}, x={2})</source>
        <translation>Σ 乘积 = {0:.4f}  →  (y={1}, x={2}) 处的输出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="863"/>
        <source>Sum of the products = output value {0:.4f} at (y={1}, x={2})</source>
        <translation>乘积之和 = (y={1}, x={2}) 处的输出值 {0:.4f}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="868"/>
        <source>Step {0} of {1}: output (y={2}, x={3}) reads input rows {4}…{5}, columns {6}…{7}</source>
        <translation>第 {0}/{1} 步：输出 (y={2}, x={3}) 读取输入的第 {4}…{5} 行、第 {6}…{7} 列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conv_playground.py" line="901"/>
        <source>padding: 0</source>
        <translation>填充：0</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../ui/core_texts.py" line="11"/>
        <source>Geometry</source>
        <translation>几何变换</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="12"/>
        <source>Resize</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="13"/>
        <source>Scale to a width and height (or fit inside them keeping the aspect ratio).</source>
        <translation>缩放到指定宽度和高度（或保持宽高比适应其内）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="14"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="15"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="16"/>
        <source>Keep aspect ratio</source>
        <translation>保持宽高比</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="17"/>
        <source>Fit inside width x height</source>
        <translation>适应于 宽 x 高 之内</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="18"/>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="19"/>
        <source>nearest</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="20"/>
        <source>linear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="21"/>
        <source>cubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="22"/>
        <source>area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="23"/>
        <source>lanczos</source>
        <translation>Lanczos</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="24"/>
        <source>Rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="25"/>
        <source>Rotate by an angle in degrees, counter-clockwise positive; &apos;expand&apos; keeps the whole image.</source>
        <translation>按角度（度）旋转，逆时针为正；“扩展”可保留整张图像。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="28"/>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="29"/>
        <source>Degrees, counter-clockwise</source>
        <translation>度，逆时针</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="30"/>
        <source>Expand</source>
        <translation>扩展</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="31"/>
        <source>Grow the canvas so no corner is cut off</source>
        <translation>扩大画布，使各个角都不被裁掉</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="32"/>
        <source>Border</source>
        <translation>边界</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="33"/>
        <source>How vacated pixels are filled</source>
        <translation>空出的像素如何填充</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="34"/>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="35"/>
        <source>replicate</source>
        <translation>复制边缘</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="36"/>
        <source>reflect</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="37"/>
        <source>wrap</source>
        <translation>环绕</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="38"/>
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="39"/>
        <source>Colour of vacated pixels (constant border)</source>
        <translation>空出像素的颜色（常数边界）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="40"/>
        <source>Crop</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="41"/>
        <source>Keep the rectangle at x, y of the given width and height (img[y:y+h, x:x+w]).</source>
        <translation>保留位于 x、y 处、指定宽度和高度的矩形区域（img[y:y+h, x:x+w]）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="42"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="43"/>
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="44"/>
        <source>Translate</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="45"/>
        <source>Shift by dx, dy pixels; the size stays, vacated pixels take the fill colour.</source>
        <translation>平移 dx、dy 个像素；尺寸不变，空出的像素使用填充颜色。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="46"/>
        <source>Dx</source>
        <translation>Dx</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="47"/>
        <source>Dy</source>
        <translation>Dy</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="48"/>
        <source>Flip</source>
        <translation>翻转</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="49"/>
        <source>Mirror horizontally, vertically or both.</source>
        <translation>水平、垂直或同时镜像翻转。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="50"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="51"/>
        <source>horizontal</source>
        <translation>水平</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="52"/>
        <source>vertical</source>
        <translation>垂直</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="53"/>
        <source>both</source>
        <translation>水平和垂直</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="54"/>
        <source>Pad</source>
        <translation>填充边框</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="55"/>
        <source>Add a border of the given widths.</source>
        <translation>添加指定宽度的边框。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="56"/>
        <source>Top</source>
        <translation>上</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="57"/>
        <source>Bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="58"/>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="59"/>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="60"/>
        <source>Colour</source>
        <translation>色彩</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="61"/>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="62"/>
        <source>Convert to luminance (one channel, or three equal ones).</source>
        <translation>转换为亮度（单通道，或三个相同的通道）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="63"/>
        <source>Keep channels</source>
        <translation>保留通道数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="64"/>
        <source>Keep three (equal) channels</source>
        <translation>保留三个（相同的）通道</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="65"/>
        <source>Colour space</source>
        <translation>色彩空间</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="66"/>
        <source>Convert RGB to another colour space (channels shown as R, G, B).</source>
        <translation>将 RGB 转换到另一种色彩空间（各通道按 R、G、B 显示）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="67"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="68"/>
        <source>hsv</source>
        <translation>HSV</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="69"/>
        <source>hls</source>
        <translation>HLS</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="70"/>
        <source>lab</source>
        <translation>Lab</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="71"/>
        <source>ycrcb</source>
        <translation>YCrCb</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="72"/>
        <source>xyz</source>
        <translation>XYZ</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="73"/>
        <source>bgr</source>
        <translation>BGR</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="74"/>
        <source>Brightness / contrast / gamma</source>
        <translation>亮度 / 对比度 / 伽马</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="75"/>
        <source>out = ((x - 0.5) * contrast + 0.5 + brightness) ** (1 / gamma), on values in 0..1.</source>
        <translation>输出 = ((x - 0.5) * 对比度 + 0.5 + 亮度) ** (1 / 伽马)，作用于 0..1 范围的值。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="76"/>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="77"/>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="78"/>
        <source>Gamma</source>
        <translation>伽马</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="79"/>
        <source>Above 1 brightens mid-tones</source>
        <translation>大于 1 时提亮中间调</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="80"/>
        <source>Invert</source>
        <translation>反相</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="81"/>
        <source>Negative: max - value (alpha kept).</source>
        <translation>负片：最大值 − 像素值（保留 Alpha 通道）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="82"/>
        <source>Normalise</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="83"/>
        <source>Stretch values linearly so the darkest becomes &apos;low&apos; and the brightest &apos;high&apos;.</source>
        <translation>线性拉伸数值，使最暗处变为“下限”、最亮处变为“上限”。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="84"/>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="85"/>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="86"/>
        <source>Per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="87"/>
        <source>Histogram equalisation</source>
        <translation>直方图均衡化</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="88"/>
        <source>Spread the luminance histogram over the full range.</source>
        <translation>将亮度直方图展开到整个取值范围。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="89"/>
        <source>CLAHE</source>
        <translation>CLAHE</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="90"/>
        <source>Contrast-limited adaptive histogram equalisation of the luminance.</source>
        <translation>对亮度做限制对比度的自适应直方图均衡化。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="91"/>
        <source>Clip limit</source>
        <translation>裁剪限幅</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="92"/>
        <source>Tile grid</source>
        <translation>分块网格</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="93"/>
        <source>Tiles per side</source>
        <translation>每边的分块数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="94"/>
        <source>Filter</source>
        <translation>滤波</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="95"/>
        <source>Gaussian blur</source>
        <translation>高斯模糊</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="96"/>
        <source>Smooth with a Gaussian kernel (sigma 0: derived from the kernel size).</source>
        <translation>用高斯核平滑（sigma 为 0 时由核大小推算）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="97"/>
        <source>Kernel size</source>
        <translation>核大小</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="98"/>
        <source>Sigma</source>
        <translation>Sigma</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="99"/>
        <source>Median blur</source>
        <translation>中值模糊</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="100"/>
        <source>Replace each pixel by the median of its neighbourhood (removes salt-and-pepper noise).</source>
        <translation>用邻域的中值替换每个像素（去除椒盐噪声）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="101"/>
        <source>Bilateral filter</source>
        <translation>双边滤波</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="102"/>
        <source>Edge-preserving smoothing.</source>
        <translation>保留边缘的平滑。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="103"/>
        <source>Diameter</source>
        <translation>直径</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="104"/>
        <source>Sigma colour</source>
        <translation>颜色 Sigma</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="105"/>
        <source>In 0..255 units</source>
        <translation>以 0..255 为单位</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="106"/>
        <source>Sigma space</source>
        <translation>空间 Sigma</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="107"/>
        <source>Denoise (non-local means)</source>
        <translation>去噪（非局部均值）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="108"/>
        <source>Remove noise while keeping detail; slow on large images.</source>
        <translation>去除噪声并保留细节；对大图像较慢。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="109"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="110"/>
        <source>Sharpen (unsharp mask)</source>
        <translation>锐化（反锐化掩模）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="111"/>
        <source>out = x + amount * (x - gaussian_blur(x, radius)).</source>
        <translation>输出 = x + 数量 * (x - 高斯模糊(x, 半径))。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="112"/>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="113"/>
        <source>Radius</source>
        <translation>半径</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="114"/>
        <source>Binary</source>
        <translation>二值化</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="115"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="116"/>
        <source>Binarise the luminance: fixed value, Otsu, triangle, or adaptive (local mean/Gaussian).</source>
        <translation>对亮度二值化：固定值、Otsu、三角法或自适应（局部均值/高斯）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="119"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="120"/>
        <source>fixed</source>
        <translation>固定值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="121"/>
        <source>otsu</source>
        <translation>Otsu</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="122"/>
        <source>triangle</source>
        <translation>三角法</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="123"/>
        <source>adaptive mean</source>
        <translation>自适应均值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="124"/>
        <source>adaptive gaussian</source>
        <translation>自适应高斯</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="125"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="126"/>
        <source>Fixed method only</source>
        <translation>仅用于固定值方法</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="127"/>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="128"/>
        <source>Adaptive methods</source>
        <translation>用于自适应方法</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="129"/>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="130"/>
        <source>Adaptive methods: subtracted from the mean</source>
        <translation>自适应方法：从均值中减去的常数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="131"/>
        <source>Canny edges</source>
        <translation>Canny 边缘</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="132"/>
        <source>Edges by the Canny detector (hysteresis between the low and high thresholds).</source>
        <translation>用 Canny 检测器提取边缘（在低阈值和高阈值之间做滞后处理）。</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="133"/>
        <source>Aperture</source>
        <translation>孔径</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="134"/>
        <source>L2 gradient</source>
        <translation>L2 梯度</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="135"/>
        <source>Haar cascade: frontal faces (OpenCV&apos;s default face cascade)</source>
        <translation>Haar 级联：正面人脸（OpenCV 默认的人脸级联）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="136"/>
        <source>Haar cascade: frontal faces, alternative cascade</source>
        <translation>Haar 级联：正面人脸，备选级联</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="137"/>
        <source>Haar cascade: frontal faces, second alternative cascade</source>
        <translation>Haar 级联：正面人脸，第二备选级联</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="138"/>
        <source>Haar cascade: frontal faces, tree cascade (strict, slower)</source>
        <translation>Haar 级联：正面人脸，树形级联（严格，较慢）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="139"/>
        <source>Haar cascade: faces in profile (one side; mirror the image for the other)</source>
        <translation>Haar 级联：侧脸（单侧；另一侧请镜像图像）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="140"/>
        <source>Haar cascade: eyes (best on a face crop)</source>
        <translation>Haar 级联：眼睛（在裁剪出的人脸上效果最好）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="141"/>
        <source>Haar cascade: eyes, also behind glasses</source>
        <translation>Haar 级联：眼睛，包括戴眼镜的</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="142"/>
        <source>Haar cascade: left eyes</source>
        <translation>Haar 级联：左眼</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="143"/>
        <source>Haar cascade: right eyes</source>
        <translation>Haar 级联：右眼</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="144"/>
        <source>Haar cascade: smiles (best on a face crop; false alarms elsewhere)</source>
        <translation>Haar 级联：微笑（在裁剪出的人脸上效果最好；其他位置易误检）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="145"/>
        <source>Haar cascade: whole standing people</source>
        <translation>Haar 级联：站立的全身人像</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="146"/>
        <source>Haar cascade: head and shoulders</source>
        <translation>Haar 级联：头和肩</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="147"/>
        <source>Haar cascade: legs of standing people</source>
        <translation>Haar 级联：站立人物的腿部</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="148"/>
        <source>Haar cascade: cat faces</source>
        <translation>Haar 级联：猫脸</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="149"/>
        <source>Haar cascade: cat faces, extended features</source>
        <translation>Haar 级联：猫脸，扩展特征</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="150"/>
        <source>Haar cascade: Russian licence plates</source>
        <translation>Haar 级联：俄罗斯车牌</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="151"/>
        <source>Haar cascade: Russian licence plates, 16 stages</source>
        <translation>Haar 级联：俄罗斯车牌，16 级</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="152"/>
        <source>HOG: standing people at least 64x128 px (Dalal-Triggs HOG + linear SVM)</source>
        <translation>HOG：至少 64x128 像素的站立人物（Dalal-Triggs HOG + 线性 SVM）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="153"/>
        <source>HOG: standing people at least 48x96 px (Daimler HOG + linear SVM)</source>
        <translation>HOG：至少 48x96 像素的站立人物（Daimler HOG + 线性 SVM）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="154"/>
        <source>Scale factor</source>
        <translation>缩放因子</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="155"/>
        <source>Window growth per step (smaller finds more, slower)</source>
        <translation>每一步窗口的放大比例（越小找到的越多，也越慢）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="156"/>
        <source>Min neighbours</source>
        <translation>最少邻居数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="157"/>
        <source>Overlapping hits a box needs (higher: fewer false alarms)</source>
        <translation>一个框需要的重叠命中数（越高：误检越少）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="158"/>
        <source>Min size (px)</source>
        <translation>最小尺寸（像素）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="159"/>
        <source>Smallest box side; 0: the cascade&apos;s own window</source>
        <translation>框的最小边长；0：使用级联自身的窗口大小</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="160"/>
        <source>Max size (px)</source>
        <translation>最大尺寸（像素）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="161"/>
        <source>Largest box side; 0: no limit</source>
        <translation>框的最大边长；0：不限制</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="162"/>
        <source>Equalise histogram</source>
        <translation>直方图均衡化</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="163"/>
        <source>Spread the gray levels first (dim photos)</source>
        <translation>先展开灰度级（适用于较暗的照片）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="164"/>
        <source>Window stride (px)</source>
        <translation>窗口步幅（像素）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="165"/>
        <source>Step of the sliding window (smaller finds more, slower)</source>
        <translation>滑动窗口的步长（越小找到的越多，也越慢）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="166"/>
        <source>Padding (px)</source>
        <translation>填充（像素）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="167"/>
        <source>Pixels added around the image for people at the border</source>
        <translation>在图像四周添加的像素，用于检测边缘处的人物</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="168"/>
        <source>Scale</source>
        <translation>缩放比例</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="169"/>
        <source>Image pyramid step (smaller finds more sizes, slower)</source>
        <translation>图像金字塔的步长（越小能找到的尺寸越多，也越慢）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="170"/>
        <source>Hit threshold</source>
        <translation>命中阈值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="171"/>
        <source>SVM margin a window needs (higher: fewer false alarms)</source>
        <translation>窗口所需的 SVM 间隔（越高：误检越少）</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="172"/>
        <source>Group threshold</source>
        <translation>分组阈值</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="173"/>
        <source>Overlapping windows a box needs after grouping</source>
        <translation>分组后一个框需要的重叠窗口数</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="174"/>
        <source>The article&apos;s CNN: Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-DenseN, no padding</source>
        <translation>文章中的 CNN：Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-DenseN，无填充</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="175"/>
        <source>Small fast CNN (16/32/64 channels, batch norm, global pooling) for classroom runs on a CPU</source>
        <translation>小而快的 CNN（16/32/64 通道、批归一化、全局池化），适合课堂上在 CPU 上训练</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="178"/>
        <source>torchvision ResNet-18 (11M parameters), ImageNet weights when available offline</source>
        <translation>torchvision ResNet-18（1100 万参数），离线可用时使用 ImageNet 预训练权重</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="179"/>
        <source>torchvision MobileNetV3-Small (light, fast), ImageNet weights when available offline</source>
        <translation>torchvision MobileNetV3-Small（轻量、快速），离线可用时使用 ImageNet 预训练权重</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="180"/>
        <source>torchvision EfficientNet-B0 (accurate for its size), ImageNet weights when available offline</source>
        <translation>torchvision EfficientNet-B0（同等规模下精度高），离线可用时使用 ImageNet 预训练权重</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="183"/>
        <source>val_accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="184"/>
        <source>val_loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="185"/>
        <source>val_fd</source>
        <translation>验证 FD</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="186"/>
        <source>val_map50</source>
        <translation>验证 mAP@0.5</translation>
    </message>
    <message>
        <location filename="../../ui/core_texts.py" line="187"/>
        <source>val_map50_95</source>
        <translation>验证 mAP@0.5:0.95</translation>
    </message>
</context>
<context>
    <name>DensePage</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="383"/>
        <source>Strongest units of the hidden dense layer</source>
        <translation>隐藏全连接层中激活最强的神经元</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="384"/>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="385"/>
        <source>unit (sorted by activation)</source>
        <translation>神经元（按激活值排序）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="387"/>
        <source>Softmax output: the probability of each class</source>
        <translation>Softmax 输出：每个类别的概率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="388"/>
        <source>Softmax output</source>
        <translation>Softmax 输出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="389"/>
        <source>Save this page as PNG</source>
        <translation>将此页面保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="410"/>
        <source>{0}: the {1} strongest of {2} units</source>
        <translation>{0}：{2} 个神经元中最强的 {1} 个</translation>
    </message>
</context>
<context>
    <name>DetectTrainPage</name>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="33"/>
        <source>Built-in shapes with boxes (no download)</source>
        <translation>内置带框形状（无需下载）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="34"/>
        <source>The images of the Annotate page</source>
        <translation>“标注”页的图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="35"/>
        <source>COCO annotation file…</source>
        <translation>COCO 标注文件…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="36"/>
        <source>VOC or YOLO folder…</source>
        <translation>VOC 或 YOLO 文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="73"/>
        <source>Images with boxes to learn from</source>
        <translation>用于学习的带框图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="77"/>
        <source>tiny-det learns the built-in shapes on a CPU in minutes</source>
        <translation>tiny-det 在 CPU 上几分钟即可学会内置形状</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="79"/>
        <source>Start from COCO weights when cached</source>
        <translation>若已缓存则从 COCO 权重开始</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="81"/>
        <source>Begin with weights learnt on the COCO data set, if already downloaded, instead of random ones</source>
        <translation>从在 COCO 数据集上学到的权重开始（若已下载），而不是随机权重</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="87"/>
        <source>Images are resized to this square side for training</source>
        <translation>训练时图像缩放为此边长的正方形</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="90"/>
        <source>How many times training goes through all the training images</source>
        <translation>训练遍历全部训练图像的次数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="94"/>
        <source>Images per weight update; larger batches need more memory and can train faster</source>
        <translation>每次更新权重所用的图像数；批越大占用内存越多，训练可能越快</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="99"/>
        <source>How many built-in shapes images to train on</source>
        <translation>用于训练的内置形状图像数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="106"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="107"/>
        <source>Detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="109"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="110"/>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="111"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="112"/>
        <source>Shapes to train on</source>
        <translation>训练用形状数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="113"/>
        <source>Detect with it</source>
        <translation>用它检测</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="114"/>
        <source>Open the Detect page with the trained detector</source>
        <translation>用训练好的检测器打开“检测”页</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="116"/>
        <source>Evaluate it</source>
        <translation>评估它</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="118"/>
        <source>mAP and precision-recall curves on the annotated set it was trained on</source>
        <translation>在其训练所用的标注集上计算 mAP 和精确率-召回率曲线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="121"/>
        <source>Choose the images with boxes, then Start</source>
        <translation>选择带框的图像，然后点击开始</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="122"/>
        <source>Validation mAP</source>
        <translation>验证 mAP</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="137"/>
        <source>Only tiny-det is offered: {0}</source>
        <translation>只提供 tiny-det：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="158"/>
        <source>COCO annotations</source>
        <translation>COCO 标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="158"/>
        <source>COCO JSON (*.json)</source>
        <translation>COCO JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="162"/>
        <source>VOC or YOLO folder (annotations beside the images)</source>
        <translation>VOC 或 YOLO 文件夹（标注与图像放在一起）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="191"/>
        <source>open a folder on the Annotate page and draw some boxes first</source>
        <translation>请先在“标注”页打开文件夹并画一些框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="194"/>
        <source>choose the annotations to train on</source>
        <translation>请选择用于训练的标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="225"/>
        <source>Epoch {0}: validation mAP@0.5 {1:.3f}</source>
        <translation>第 {0} 轮：验证 mAP@0.5 {1:.3f}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detect_train_page.py" line="233"/>
        <source>{0} · best validation mAP@0.5 {1:.3f} (epoch {2})</source>
        <translation>{0} · 最佳验证 mAP@0.5 {1:.3f}（第 {2} 轮）</translation>
    </message>
</context>
<context>
    <name>DetectorForm</name>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="95"/>
        <source>Bundled OpenCV detectors (offline, without training) and the detector models you loaded</source>
        <translation>内置的 OpenCV 检测器（离线、无需训练）以及您加载的检测器模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="99"/>
        <source>Load detector model…</source>
        <translation>加载检测器模型…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="101"/>
        <source>A detector trained in the Train tab or with `imgstudio train --task detect`</source>
        <translation>在“训练”标签页中或用 `imgstudio train --task detect` 训练的检测器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="106"/>
        <source>Detector settings</source>
        <translation>检测器设置</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="186"/>
        <source>Hide boxes scoring below this (between the lowest and highest score)</source>
        <translation>隐藏得分低于此值的框（介于最低分和最高分之间）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="116"/>
        <source>Of two boxes of one class overlapping more than this (IoU), keep the surer; 1.00: keep all</source>
        <translation>同一类别的两个框重叠（IoU）超过此值时，保留置信度更高的；1.00：全部保留</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="119"/>
        <source>Filter (live)</source>
        <translation>筛选（实时）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="125"/>
        <source>Detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="184"/>
        <source>Hide boxes scoring below this (a probability, 0 to 1)</source>
        <translation>隐藏得分低于此值的框（概率，0 到 1）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="195"/>
        <source>Trained detector {0} ({1} px input); classes: {2}</source>
        <translation>已训练的检测器 {0}（输入 {1} 像素）；类别：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="199"/>
        <source>A trained model has no settings: filter its boxes by score (0 to 1) below.</source>
        <translation>已训练的模型没有设置项：请在下方按分数（0 到 1）筛选其检测框。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="221"/>
        <source>Detector model file</source>
        <translation>检测器模型文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="221"/>
        <source>Model files (*.safetensors);;All files (*)</source>
        <translation>模型文件 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="236"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="246"/>
        <source>{0}
Classes: {1}</source>
        <translation>{0}
类别：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="252"/>
        <source>Loaded detector {0}</source>
        <translation>已加载检测器 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="257"/>
        <source>Cannot load {0}</source>
        <translation>无法加载 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="289"/>
        <source>Min score: all</source>
        <translation>最低得分：全部</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="289"/>
        <source>Min score: {0:.2f}</source>
        <translation>最低得分：{0:.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="292"/>
        <source>NMS IoU: off</source>
        <translation>NMS IoU：关闭</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/detector_form.py" line="292"/>
        <source>NMS IoU: {0:.2f}</source>
        <translation>NMS IoU：{0:.2f}</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="26"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="27"/>
        <source>Something went wrong, and the last action may not have finished.</source>
        <translation>出现了问题，上一个操作可能没有完成。</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="28"/>
        <source>

The details are in the log: {0}</source>
        <translation>

详细信息见日志：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="32"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="33"/>
        <source>Copy the message and the traceback, to paste into a report</source>
        <translation>复制错误消息和回溯信息，以便粘贴到问题报告中</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="42"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>EvaluateDetectorPage</name>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="63"/>
        <source>Detector model file (.safetensors)</source>
        <translation>检测器模型文件（.safetensors）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="64"/>
        <source>By default the detector model last loaded on the Detect page</source>
        <translation>默认为“检测”页面上最近加载的检测器模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="65"/>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="82"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="66"/>
        <source>Choose the detector&apos;s model file in a file dialog</source>
        <translation>在文件对话框中选择检测器的模型文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="69"/>
        <source>COCO .json file, or a VOC or YOLO folder</source>
        <translation>COCO .json 文件，或 VOC / YOLO 文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="70"/>
        <source>The ground-truth boxes the detector&apos;s predictions are compared with</source>
        <translation>与检测器预测结果进行比较的真实框</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="71"/>
        <source>COCO file…</source>
        <translation>COCO 文件…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="72"/>
        <source>Choose a COCO annotations .json file in a file dialog</source>
        <translation>在文件对话框中选择 COCO 标注 .json 文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="74"/>
        <source>VOC/YOLO folder…</source>
        <translation>VOC/YOLO 文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="75"/>
        <source>Choose a folder of Pascal VOC .xml or YOLO .txt annotations</source>
        <translation>选择 Pascal VOC .xml 或 YOLO .txt 标注所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="78"/>
        <source>Optional: where the images are, if not beside the annotations</source>
        <translation>可选：图像所在位置（若不在标注文件旁边）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="80"/>
        <source>The folder of the annotated images; leave empty when they are beside the annotations</source>
        <translation>已标注图像所在的文件夹；若图像与标注放在一起则留空</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="83"/>
        <source>Choose the folder of images in a file dialog</source>
        <translation>在文件对话框中选择图像文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="86"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="87"/>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="88"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="89"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="90"/>
        <source>Run the detector on every annotated image and compare (COCO mAP)</source>
        <translation>在每张已标注图像上运行检测器并进行比较（COCO mAP）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="92"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="93"/>
        <source>Stop the evaluation; nothing is shown for the images done so far</source>
        <translation>停止评估；已处理的图像不会显示结果</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="97"/>
        <source>Choose a detector model and an annotated set, then Evaluate</source>
        <translation>选择检测器模型和已标注的数据集，然后点击“评估”</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="105"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="105"/>
        <source>AP@0.5</source>
        <translation>AP@0.5</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="105"/>
        <source>AP@0.5:0.95</source>
        <translation>AP@0.5:0.95</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="105"/>
        <source>Ground truth</source>
        <translation>真实框数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="115"/>
        <source>Precision–recall at IoU 0.5</source>
        <translation>IoU 0.5 下的精确率–召回率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="116"/>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="117"/>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="125"/>
        <source>Detector and annotated set</source>
        <translation>检测器与已标注数据集</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="150"/>
        <source>Detector model file</source>
        <translation>检测器模型文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="150"/>
        <source>Model files (*.safetensors);;All files (*)</source>
        <translation>模型文件 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="158"/>
        <source>COCO annotations</source>
        <translation>COCO 标注</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="158"/>
        <source>COCO JSON (*.json)</source>
        <translation>COCO JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="164"/>
        <source>VOC or YOLO folder</source>
        <translation>VOC 或 YOLO 文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="169"/>
        <source>Folder of images</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="181"/>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="208"/>
        <source>Cannot evaluate</source>
        <translation>无法评估</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="181"/>
        <source>Choose a detector model file and an annotation source</source>
        <translation>请选择检测器模型文件和标注来源</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="193"/>
        <source>Evaluation cancelled</source>
        <translation>评估已取消</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="197"/>
        <source>Evaluating {0}…</source>
        <translation>正在评估 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="207"/>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/evaluate_detector_page.py" line="230"/>
        <source>mAP@0.5: {0}   mAP@0.5:0.95: {1}   ({2} images)</source>
        <translation>mAP@0.5：{0}   mAP@0.5:0.95：{1}   （{2} 张图像）</translation>
    </message>
</context>
<context>
    <name>ExplainPages</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="50"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
</context>
<context>
    <name>ExplainTab</name>
    <message>
        <location filename="../../ui/tabs/explain.py" line="115"/>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="116"/>
        <source>Open a trained model file; the Classify tab uses the same model</source>
        <translation>打开已训练的模型文件；“分类”标签页使用同一个模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="118"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="119"/>
        <source>The image to explain (or drop one on this tab)</source>
        <translation>要解释的图像（或将图像拖放到此标签页）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="135"/>
        <source>Summary</source>
        <translation>模型概览</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="136"/>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="137"/>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="138"/>
        <source>Convolution &amp;&amp; pooling</source>
        <translation>卷积与池化</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="139"/>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="140"/>
        <source>Dense layers</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="198"/>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="204"/>
        <source>Image to explain</source>
        <translation>要解释的图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="318"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="351"/>
        <source>Click a channel</source>
        <translation>单击一个通道</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="360"/>
        <source>Channel {0} over the input</source>
        <translation>通道 {0} 叠加在输入上</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="374"/>
        <source>Predicted: {0} ({1}) · explaining &apos;{2}&apos; ({3}) · {4} on {5}</source>
        <translation>预测：{0}（{1}）· 解释“{2}”（{3}）· {4}，作用于 {5}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="387"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="387"/>
        <source>PNG (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="395"/>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="395"/>
        <source>This view has nothing to export yet</source>
        <translation>此视图暂时没有可导出的内容</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="402"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="404"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="409"/>
        <source>no model (train one, or Load model…)</source>
        <translation>无模型（请训练一个，或“加载模型…”）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="410"/>
        <source>no image (Open image…)</source>
        <translation>无图像（“打开图像…”）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="411"/>
        <source>Model: {0} · Image: {1}</source>
        <translation>模型：{0} · 图像：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/explain.py" line="416"/>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
</context>
<context>
    <name>FeatureMapPage</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="184"/>
        <source>Any convolution, pooling or activation layer, in forward order</source>
        <translation>任一卷积层、池化层或激活层，按前向顺序排列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="187"/>
        <source>The layer before (Page Up)</source>
        <translation>上一层（Page Up）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="191"/>
        <source>The layer after (Page Down)</source>
        <translation>下一层（Page Down）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="193"/>
        <source>Shared colour scale</source>
        <translation>统一色标</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="196"/>
        <source>On: one scale for all channels (compare strengths); off: each channel stretched</source>
        <translation>开启：所有通道使用同一色标（便于比较强弱）；关闭：每个通道单独拉伸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="198"/>
        <source>How strongly the enlarged channel covers the input</source>
        <translation>放大的通道覆盖在输入上的程度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="199"/>
        <source>Save the channel grid as PNG</source>
        <translation>将通道网格保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="201"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="205"/>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="208"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="209"/>
        <source>Click a channel to enlarge it over the input image</source>
        <translation>单击一个通道，将其放大叠加在输入图像上</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="210"/>
        <source>Click a channel</source>
        <translation>单击一个通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="246"/>
        <source>{0}: {1} channels of {2}×{3}</source>
        <translation>{0}：{1} 个 {2}×{3} 的通道</translation>
    </message>
</context>
<context>
    <name>FilterPage</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="276"/>
        <source>A convolution layer</source>
        <translation>一个卷积层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="278"/>
        <source>input channel </source>
        <translation>输入通道 </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="279"/>
        <source>Deeper kernels have one slice per input channel: choose which</source>
        <translation>较深层的卷积核每个输入通道各有一个切片：请选择要看的那个</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="280"/>
        <source>Save the kernel grid as PNG</source>
        <translation>将卷积核网格保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="282"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="287"/>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="308"/>
        <source>RGB kernels</source>
        <translation>RGB 卷积核</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="308"/>
        <source>slice {0} of {1}</source>
        <translation>第 {0}/{1} 个切片</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="309"/>
        <source>{0}: {1} kernels {2}×{3}, {4}</source>
        <translation>{0}：{1} 个 {2}×{3} 卷积核，{4}</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <location filename="../../ui/tabs/generate.py" line="29"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/generate.py" line="30"/>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
</context>
<context>
    <name>GenerateTrainPage</name>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="31"/>
        <source>DCGAN (generator and discriminator)</source>
        <translation>DCGAN（生成器与判别器）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="32"/>
        <source>Conditional DCGAN (one class at a time)</source>
        <translation>条件 DCGAN（按类别生成）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="33"/>
        <source>VAE (encoder and decoder)</source>
        <translation>VAE（编码器与解码器）</translation>
    </message>
    <message>
        <source>Built-in shapes (no download)</source>
        <translation type="vanished">内置形状（无需下载）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="35"/>
        <source>The kind of generator: a GAN learns against a critic, a VAE learns to rebuild its images</source>
        <translation>生成器的类型：GAN 与判别器对抗学习，VAE 学习重建其图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="38"/>
        <source>Built-in shapes, plain background (learns fastest)</source>
        <translation>内置形状，纯色背景（学得最快）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="39"/>
        <source>Built-in shapes, noisy backgrounds (harder)</source>
        <translation>内置形状，噪声背景（更难）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="40"/>
        <source>MNIST digits (torchvision)</source>
        <translation>MNIST 手写数字（torchvision）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="41"/>
        <source>Fashion-MNIST (torchvision)</source>
        <translation>Fashion-MNIST（torchvision）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="42"/>
        <source>A folder of images…</source>
        <translation>图像文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="43"/>
        <source>The images the generator learns to imitate</source>
        <translation>生成器要学习模仿的图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="49"/>
        <source>Side of the generated images; training images are resized to it</source>
        <translation>生成图像的边长；训练图像会缩放到该尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="51"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="52"/>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="53"/>
        <source>Generate colour or grayscale images</source>
        <translation>生成彩色或灰度图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="57"/>
        <source>How many times training goes through all the training images</source>
        <translation>训练遍历全部训练图像的次数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="62"/>
        <source>How many built-in shapes to train on</source>
        <translation>用于训练的内置形状图像数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="66"/>
        <source>Draw the fixed-noise samples every this many steps</source>
        <translation>每隔这么多步绘制一次固定噪声样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="68"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="69"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="70"/>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="71"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="72"/>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="73"/>
        <source>Shapes to train on</source>
        <translation>训练用形状数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="74"/>
        <source>Samples every (steps)</source>
        <translation>样本间隔（步）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="97"/>
        <source>choose a folder of images first</source>
        <translation>请先选择一个图像文件夹</translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="vanished">开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="vanished">暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="vanished">停止</translation>
    </message>
    <message>
        <source>Stop after this step; what was learnt is saved</source>
        <translation type="vanished">在本步之后停止；已学到的内容会被保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="75"/>
        <source>Save samples as GIF…</source>
        <translation>将样本保存为 GIF…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="76"/>
        <source>The fixed-noise samples of the run, from noise to images</source>
        <translation>本次训练的固定噪声样本：从噪声到图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="78"/>
        <source>Press Start: the samples on the right begin as noise</source>
        <translation>按“开始”：右侧的样本一开始是噪声</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="79"/>
        <source>Fixed-noise samples</source>
        <translation>固定噪声样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="86"/>
        <source>Folder of images to learn from</source>
        <translation>用于学习的图像文件夹</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation type="vanished">无法开始</translation>
    </message>
    <message>
        <source>Loading the data and building the model…</source>
        <translation type="vanished">正在加载数据并构建模型…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="vanished">已暂停</translation>
    </message>
    <message>
        <source>{0} on {1}: {2} images, {3} steps per epoch</source>
        <translation type="vanished">{0}，设备 {1}：{2} 张图像，每轮 {3} 步</translation>
    </message>
    <message>
        <source>Epoch {0} · step {1} · {2}</source>
        <translation type="vanished">第 {0} 轮 · 第 {1} 步 · {2}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="121"/>
        <source>Fixed-noise samples at step {0}</source>
        <translation>第 {0} 步的固定噪声样本</translation>
    </message>
    <message>
        <source>{0}: {1} steps</source>
        <translation type="vanished">{0}：{1} 步</translation>
    </message>
    <message>
        <source>Generator training {0}</source>
        <translation type="vanished">生成器训练：{0}</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation type="vanished">训练失败：{0}</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="vanished">训练失败</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="130"/>
        <source>Save samples as GIF</source>
        <translation>将样本保存为 GIF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="140"/>
        <source>Cannot save the GIF</source>
        <translation>无法保存 GIF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/generate_train_page.py" line="142"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>GradCamPage</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="325"/>
        <source>Grad-CAM++ weighs positive gradients per position</source>
        <translation>Grad-CAM++ 对每个位置的正梯度加权</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="328"/>
        <source>The layer whose activations are weighed; the default is the activation after the last convolution</source>
        <translation>对其激活进行加权的层；默认是最后一个卷积之后的激活</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="331"/>
        <source>The class to explain: the predicted one, or any other</source>
        <translation>要解释的类别：预测出的类别，或其他任一类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="332"/>
        <source>Opacity of the heat map</source>
        <translation>热力图的不透明度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="333"/>
        <source>Save the overlay as PNG</source>
        <translation>将叠加图保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="336"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="337"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="338"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="339"/>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="345"/>
        <source>Load a model and an image</source>
        <translation>请加载模型和图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="346"/>
        <source>Where the network looks</source>
        <translation>网络关注的区域</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="358"/>
        <source>default (after the last convolution)</source>
        <translation>默认（最后一个卷积之后）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="361"/>
        <source>predicted class</source>
        <translation>预测的类别</translation>
    </message>
</context>
<context>
    <name>HistogramView</name>
    <message>
        <location filename="../../ui/widgets/histogram.py" line="23"/>
        <source>value</source>
        <translation>像素值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/histogram.py" line="24"/>
        <source>Histogram of the result, per channel</source>
        <translation>结果图像的逐通道直方图</translation>
    </message>
</context>
<context>
    <name>ImageGallery</name>
    <message>
        <location filename="../../ui/widgets/image_gallery.py" line="71"/>
        <source>Double-click an image to see it larger</source>
        <translation>双击图像可放大查看</translation>
    </message>
</context>
<context>
    <name>ImagePreviewDialog</name>
    <message>
        <location filename="../../ui/widgets/image_gallery.py" line="126"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/image_gallery.py" line="147"/>
        <source>{0} — {1}×{2}, {3} ch, {4}</source>
        <translation>{0} — {1}×{2}，{3} 通道，{4}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/image_gallery.py" line="152"/>
        <source>Cannot show {0}: {1}</source>
        <translation>无法显示 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/language.py" line="129"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="134"/>
        <source>System default ({0})</source>
        <translation>跟随系统（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="156"/>
        <source>Language: {0}</source>
        <translation>语言：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="158"/>
        <source>Language: {0} — applied on restart</source>
        <translation>语言：{0} — 重启后生效</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="163"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="205"/>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="43"/>
        <source>Preprocess</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="49"/>
        <source>Recognise</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="51"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>Open an image, or drop one on the window</source>
        <translation>打开一张图像，或将图像拖放到窗口中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>Go to {0}</source>
        <translation>转到{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>Welcome…</source>
        <translation>欢迎…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>About imgstudio</source>
        <translation>关于 imgstudio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>Stop the training and quit? The weights learnt so far are saved in the run folder.</source>
        <translation>停止训练并退出吗？到目前为止学到的权重会保存在运行文件夹中。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Stopping the training and saving…</source>
        <translation>正在停止训练并保存…</translation>
    </message>
</context>
<context>
    <name>MetricCurves</name>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="50"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="50"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>NumberControl</name>
    <message>
        <location filename="../../ui/widgets/param_controls.py" line="73"/>
        <source>Random range: draw a value between min and max for each image (augmentation)</source>
        <translation>随机范围：为每张图像在最小值和最大值之间随机取值（数据增强）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/param_controls.py" line="79"/>
        <source>Minimum of the random range</source>
        <translation>随机范围的最小值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/param_controls.py" line="80"/>
        <source>Maximum of the random range</source>
        <translation>随机范围的最大值</translation>
    </message>
</context>
<context>
    <name>PipelineEditor</name>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="64"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="65"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="88"/>
        <source>Steps run top to bottom. Drag to reorder, tick to enable.</source>
        <translation>步骤从上到下依次执行。拖动可调整顺序，勾选可启用。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="94"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="95"/>
        <source>Add an operation at the end of the pipeline</source>
        <translation>在流水线末尾添加一个操作</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="99"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="99"/>
        <source>Remove the selected step (Delete)</source>
        <translation>移除所选步骤（Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="100"/>
        <source>Move the selected step up</source>
        <translation>上移所选步骤</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="101"/>
        <source>Move the selected step down</source>
        <translation>下移所选步骤</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="116"/>
        <source>Quick add:</source>
        <translation>快速添加：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="124"/>
        <source>The pipeline is empty. Add a step: the article&apos;s four operations are one click away above.</source>
        <translation>流水线为空。请添加一个步骤：文章中的四种操作在上方一键即可添加。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="143"/>
        <source>&lt;b&gt;Pipeline&lt;/b&gt;</source>
        <translation>&lt;b&gt;预处理流水线&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="188"/>
        <source>Add {0}</source>
        <translation>添加{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="198"/>
        <source>Remove {0}</source>
        <translation>移除{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="209"/>
        <source>Move {0}</source>
        <translation>移动{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="286"/>
        <source>Enable {0}</source>
        <translation>启用{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="286"/>
        <source>Disable {0}</source>
        <translation>停用{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="300"/>
        <source>Reorder steps</source>
        <translation>调整步骤顺序</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="310"/>
        <source>No step selected</source>
        <translation>未选择步骤</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="311"/>
        <source>Add a step with “Add step”.</source>
        <translation>用“添加步骤”添加一个步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="331"/>
        <source>Augmentation: chance that this step is applied to an image (preview: always)</source>
        <translation>数据增强：此步骤作用于一张图像的概率（预览时始终应用）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="333"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="355"/>
        <source>Change {0} {1}</source>
        <translation>修改{0}的{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="357"/>
        <source>Change {0}</source>
        <translation>修改{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pipeline_editor.py" line="363"/>
        <source>Change {0} probability</source>
        <translation>修改{0}的概率</translation>
    </message>
</context>
<context>
    <name>PredictionTableModel</name>
    <message>
        <location filename="../../ui/widgets/prediction_table.py" line="36"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/prediction_table.py" line="37"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/prediction_table.py" line="38"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/prediction_table.py" line="39"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="29"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="37"/>
        <source>Images with more pixels are refused before decoding (protects against decompression bombs)</source>
        <translation>像素更多的图像在解码前即被拒绝（防范解压炸弹）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="45"/>
        <source>While a slider moves, the preview renders a copy of the image downscaled to this size</source>
        <translation>拖动滑块时，预览使用缩小到此尺寸的图像副本进行渲染</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="49"/>
        <source>System default ({0})</source>
        <translation>跟随系统（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="53"/>
        <source>The interface language; applied when imgstudio starts again</source>
        <translation>界面语言；在 imgstudio 下次启动时生效</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="56"/>
        <source>Largest image to open</source>
        <translation>可打开的最大图像</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="57"/>
        <source>Live preview size</source>
        <translation>实时预览尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="58"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="59"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="60"/>
        <source>Changes apply to images opened from now on; a new language on restart.</source>
        <translation>更改将应用于此后打开的图像；新的语言在重启后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="72"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="72"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="72"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.py" line="75"/>
        <source>Light or dark colours; System follows the desktop. Shown at once</source>
        <translation>浅色或深色；“跟随系统”与桌面一致。立即生效</translation>
    </message>
</context>
<context>
    <name>PreprocessTab</name>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="38"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif *.pgm *.ppm *.pnm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif *.pgm *.ppm *.pnm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="41"/>
        <source>imgstudio pipeline (*.json);;All files (*)</source>
        <translation>imgstudio 流水线 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="79"/>
        <source>Before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="80"/>
        <source>After</source>
        <translation>处理后</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="85"/>
        <source>Move the mouse over the image to inspect pixels</source>
        <translation>将鼠标移到图像上以查看像素值</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="132"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="133"/>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="134"/>
        <source>Save result…</source>
        <translation>保存结果…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="136"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="137"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="139"/>
        <source>Load pipeline…</source>
        <translation>加载流水线…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="140"/>
        <source>Save pipeline…</source>
        <translation>保存流水线…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="142"/>
        <source>Batch…</source>
        <translation>批量处理…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="143"/>
        <source>Augmentation preview…</source>
        <translation>数据增强预览…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="144"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="147"/>
        <source>Open an image file (or drop one on the window)</source>
        <translation>打开一个图像文件（或将其拖放到窗口中）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="148"/>
        <source>Open a folder: its images appear as thumbnails on the left</source>
        <translation>打开文件夹：其中的图像以缩略图形式显示在左侧</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="149"/>
        <source>Apply the pipeline at full resolution and save the result as a new file</source>
        <translation>以全分辨率应用流水线，并将结果另存为新文件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="150"/>
        <source>Undo the last pipeline edit (Ctrl+Z)</source>
        <translation>撤销上一次流水线编辑（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="151"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="152"/>
        <source>Load a pipeline from a JSON file</source>
        <translation>从 JSON 文件加载流水线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="153"/>
        <source>Save the pipeline as JSON (usable with `imgstudio preprocess`)</source>
        <translation>将流水线保存为 JSON（可用于 `imgstudio preprocess`）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="154"/>
        <source>Apply the pipeline to every image of a folder</source>
        <translation>将流水线应用于文件夹中的每张图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="155"/>
        <source>Show random draws of the pipeline, as used for training augmentation</source>
        <translation>显示流水线的随机抽样结果，与训练时的数据增强相同</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="156"/>
        <source>Fit the image in the view</source>
        <translation>使图像适应视图</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="189"/>
        <source>Undo {0}</source>
        <translation>撤销{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="190"/>
        <source>Redo {0}</source>
        <translation>重做{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="198"/>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="204"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="219"/>
        <source>Cannot open folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="224"/>
        <source>{0}: no images in this folder</source>
        <translation>{0}：此文件夹中没有图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="226"/>
        <source>{0}: {1} images</source>
        <translation>{0}：{1} 张图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="236"/>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="241"/>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="256"/>
        <source>{0}: {1}×{2}, {3} ch, {4}, {5}</source>
        <translation>{0}：{1}×{2}，{3} 通道，{4}，{5}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="262"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="334"/>
        <source>full resolution</source>
        <translation>全分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="334"/>
        <source>preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="335"/>
        <source>After — {0}×{1} ({2})</source>
        <translation>处理后 — {0}×{1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="346"/>
        <source>drag to draw the crop</source>
        <translation>拖动以绘制裁剪区域</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="346"/>
        <source>drag to move</source>
        <translation>拖动以平移</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="348"/>
        <source>Input of step {0} ({1}) — {2}</source>
        <translation>步骤 {0}（{1}）的输入 — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="354"/>
        <source>Before — {0}×{1}</source>
        <translation>处理前 — {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="362"/>
        <source>⚠ {0}</source>
        <translation>⚠ {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="421"/>
        <source>x {0}, y {1} — before: {2}</source>
        <translation>x {0}，y {1} — 处理前：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="424"/>
        <source>x {0}, y {1} — </source>
        <translation>x {0}，y {1} — </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="425"/>
        <source>after: {0}</source>
        <translation>处理后：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="434"/>
        <source>Save result</source>
        <translation>保存结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="449"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="450"/>
        <source>Cannot save the result</source>
        <translation>无法保存结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="456"/>
        <location filename="../../ui/tabs/preprocess.py" line="470"/>
        <source>Load pipeline</source>
        <translation>加载流水线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="467"/>
        <source>Cannot load pipeline</source>
        <translation>无法加载流水线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="471"/>
        <source>Loaded pipeline {0}</source>
        <translation>已加载流水线 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="476"/>
        <source>Save pipeline</source>
        <translation>保存流水线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="485"/>
        <source>Cannot save pipeline</source>
        <translation>无法保存流水线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/preprocess.py" line="488"/>
        <source>Saved pipeline {0}</source>
        <translation>已保存流水线 {0}</translation>
    </message>
</context>
<context>
    <name>RecogniseTab</name>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="115"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="116"/>
        <source>Detect objects in one image (or drop one on this tab)</source>
        <translation>检测一张图像中的目标（或将图像拖放到此标签页）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="118"/>
        <source>Detect in folder…</source>
        <translation>在文件夹中检测…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="119"/>
        <source>Run the detector on every image of a folder</source>
        <translation>对文件夹中的每张图像运行检测器</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="121"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="122"/>
        <source>Stop detecting in the folder; the images done so far are kept</source>
        <translation>停止检测文件夹；已处理的图像结果会保留</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="126"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="127"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="128"/>
        <source>Export annotated images…</source>
        <translation>导出标注图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="133"/>
        <source>The boxes the filters keep, in pixels of the original images</source>
        <translation>经筛选保留的框，以原始图像的像素为单位</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="135"/>
        <source>Copies of the images with their boxes drawn, into a folder</source>
        <translation>将画好框的图像副本导出到一个文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="149"/>
        <source>Detections</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="154"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="162"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="162"/>
        <source>Boxes</source>
        <translation>框数</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="162"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="201"/>
        <source>Detect</source>
        <translation>检测</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="202"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="203"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="204"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="224"/>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="230"/>
        <source>Image to detect in</source>
        <translation>要检测的图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="243"/>
        <source>Detecting…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="254"/>
        <source>Cannot detect: {0}</source>
        <translation>无法检测：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="274"/>
        <source>{0} boxes</source>
        <translation>{0} 个框</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="276"/>
        <source> ({0} hidden by the filters)</source>
        <translation>（{0} 个被筛选条件隐藏）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="299"/>
        <source>Folder of images</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="310"/>
        <source>Cannot detect</source>
        <translation>无法检测</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="335"/>
        <source>Detecting in {0}…</source>
        <translation>正在 {0} 中检测…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="356"/>
        <source>Cancelled after {0} images</source>
        <translation>已在处理 {0} 张图像后取消</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="358"/>
        <source>{0} images, {1} boxes in {2:.1f} s</source>
        <translation>{0} 张图像，{1} 个框，用时 {2:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="360"/>
        <source>; {0} unreadable (see the Error column)</source>
        <translation>；{0} 张无法读取（见“错误”列）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="368"/>
        <source>Cannot detect in {0}</source>
        <translation>无法在 {0} 中检测</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="393"/>
        <location filename="../../ui/tabs/recognise.py" line="408"/>
        <source>Cannot pre-annotate</source>
        <translation>无法预标注</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="404"/>
        <source>{0} boxes proposed by {1}: correct them</source>
        <translation>{1} 提出了 {0} 个框：请修正</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="423"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="423"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="424"/>
        <source>Export detections</source>
        <translation>导出检测结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="432"/>
        <location filename="../../ui/tabs/recognise.py" line="453"/>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="432"/>
        <location filename="../../ui/tabs/recognise.py" line="453"/>
        <source>Open an image or run a folder first</source>
        <translation>请先打开图像或对文件夹运行检测</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="438"/>
        <location filename="../../ui/tabs/recognise.py" line="472"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="440"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="444"/>
        <source>Folder for the annotated images</source>
        <translation>存放标注图像的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="477"/>
        <source>{0} annotated images written to {1}</source>
        <translation>已将 {0} 张标注图像写入 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="481"/>
        <source>Some images were not written</source>
        <translation>部分图像未写入</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="524"/>
        <source>Cannot evaluate</source>
        <translation>无法评估</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/recognise.py" line="524"/>
        <source>An evaluation is running: cancel it or wait for it</source>
        <translation>正在进行评估：请取消或等待其完成</translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="66"/>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="67"/>
        <source>A generator or VAE model file written by a Generate run</source>
        <translation>由“生成”训练写出的生成器或 VAE 模型文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="69"/>
        <source>No model: train one on the Train page, or Load model…</source>
        <translation>没有模型：请在“训练”页训练一个，或加载模型…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="72"/>
        <source>The same seed always gives the same images</source>
        <translation>相同的随机种子总是生成相同的图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="76"/>
        <source>How many images to draw from the noise into the grid</source>
        <translation>从噪声生成并放入网格的图像数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="80"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="81"/>
        <source>Keep the noise within ± this: less variety, fewer odd images</source>
        <translation>将噪声限制在 ± 此值之内：多样性降低，怪异图像更少</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="83"/>
        <source>A conditional model draws this class (or each class in turn)</source>
        <translation>条件模型生成此类别（或依次生成每个类别）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="85"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="86"/>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="87"/>
        <source>Truncation</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="88"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="90"/>
        <source>Number of the grid&apos;s sample the interpolation starts at (click a sample)</source>
        <translation>插值起点在网格中的样本编号（点击一个样本）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="91"/>
        <source>Number of the grid&apos;s sample the interpolation ends at</source>
        <translation>插值终点在网格中的样本编号</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="95"/>
        <source>How many images the interpolation strip has, both ends included</source>
        <translation>插值条中的图像数量（包括两端）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="97"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="98"/>
        <source>spherical (slerp)</source>
        <translation>球面（slerp）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="100"/>
        <source>How to walk between the two noise vectors: a straight line, or along the sphere (slerp)</source>
        <translation>在两个噪声向量之间的行进方式：直线，或沿球面（slerp）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="102"/>
        <source>Interpolate</source>
        <translation>插值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="104"/>
        <source>Show the images in between the two samples as a strip (From, To, Steps and Path above)</source>
        <translation>以条带形式显示两个样本之间的图像（使用上方的起点、终点、步数和路径）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="107"/>
        <source>From sample</source>
        <translation>起始样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="108"/>
        <source>To sample</source>
        <translation>目标样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="109"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="110"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="111"/>
        <source>Reconstruct an image… (VAE)</source>
        <translation>重建一张图像…（VAE）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="112"/>
        <source>Encode an image to the latent space and decode it again</source>
        <translation>将图像编码到潜在空间，再解码回来</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="114"/>
        <source>Interpolate two images… (VAE)</source>
        <translation>在两张图像间插值…（VAE）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="116"/>
        <source>Encode two images and walk the latent space from one to the other (Steps and Path above)</source>
        <translation>编码两张图像，并在潜在空间中从一张走到另一张（使用上方的步数和路径）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="119"/>
        <source>Save grid…</source>
        <translation>保存网格图…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="120"/>
        <source>Save the grid of samples as one PNG image</source>
        <translation>将样本网格保存为一张 PNG 图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="122"/>
        <source>Save images to folder…</source>
        <translation>将图像保存到文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="124"/>
        <source>Save every sample as its own PNG file in a folder; existing files are never replaced</source>
        <translation>将每个样本分别保存为文件夹中的 PNG 文件；不会替换已有文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="127"/>
        <source>Save interpolation as GIF…</source>
        <translation>将插值保存为 GIF…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="128"/>
        <source>Save the interpolation strip as an animated GIF, one frame per step</source>
        <translation>将插值条保存为 GIF 动画，每步一帧</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="143"/>
        <source>Samples (click one)</source>
        <translation>样本（点击其中一个）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="145"/>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="146"/>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="159"/>
        <source>Cannot sample</source>
        <translation>无法采样</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="168"/>
        <source>Generator model</source>
        <translation>生成器模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="175"/>
        <source>Cannot load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="181"/>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="183"/>
        <source>{0}: {1}, {2}×{2}, latent {3}</source>
        <translation>{0}：{1}，{2}×{2}，潜在维度 {3}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="190"/>
        <source>each class in turn</source>
        <translation>依次生成每个类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="234"/>
        <source>Sample {0} of seed {1}</source>
        <translation>随机种子 {1} 的第 {0} 个样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="246"/>
        <location filename="../../ui/widgets/sample_page.py" line="313"/>
        <source>Cannot interpolate</source>
        <translation>无法插值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="254"/>
        <source>Interpolation: {0} images</source>
        <translation>插值：{0} 张图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="258"/>
        <source>Image to reconstruct</source>
        <translation>要重建的图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="269"/>
        <location filename="../../ui/widgets/sample_page.py" line="308"/>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="285"/>
        <source>Cannot reconstruct</source>
        <translation>无法重建</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="290"/>
        <source>Two images to interpolate between</source>
        <translation>要在其间插值的两张图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="301"/>
        <source>Choose two images</source>
        <translation>请选择两张图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="302"/>
        <source>Select exactly two images to interpolate between ({0} selected)</source>
        <translation>请恰好选择两张图像进行插值（已选 {0} 张）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="319"/>
        <source>Save grid</source>
        <translation>保存网格图</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="324"/>
        <source>Folder for the samples</source>
        <translation>保存样本的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="329"/>
        <source>Save interpolation</source>
        <translation>保存插值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="341"/>
        <source>interpolate first</source>
        <translation>请先插值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="344"/>
        <source>no samples yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="350"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sample_page.py" line="352"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="32"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="34"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="36"/>
        <source>Show only the shortcuts whose action or key contains this text</source>
        <translation>只显示操作或按键包含此文本的快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="40"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="40"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="65"/>
        <source>The loaded model, or any architecture the app can train</source>
        <translation>已加载的模型，或本程序可训练的任一架构</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="70"/>
        <source>Input side for the shapes and FLOPs</source>
        <translation>用于计算形状和 FLOPs 的输入边长</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="74"/>
        <source>Number of classes of the last layer</source>
        <translation>最后一层的类别数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="76"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="77"/>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="78"/>
        <source>Colour planes of the input image: changes the first layer&apos;s shape</source>
        <translation>输入图像的颜色通道数：会改变第一层的形状</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="79"/>
        <source>Save the diagram as PNG</source>
        <translation>将结构图保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="82"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="83"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="84"/>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="85"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="91"/>
        <source>Choose a model</source>
        <translation>请选择模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="95"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="95"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="95"/>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="95"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="95"/>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="122"/>
        <source>Loaded: {0}</source>
        <translation>已加载：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/explain_pages.py" line="162"/>
        <source>{0} parameters ({1} trainable) · {2} GFLOPs per image at {3}×{4}×{5}</source>
        <translation>{0} 个参数（{1} 个可训练）· 输入为 {3}×{4}×{5} 时每张图像 {2} GFLOPs</translation>
    </message>
</context>
<context>
    <name>TaskTrainPage</name>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="98"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="99"/>
        <source>Train with these settings in a new run folder, drawing the curves live</source>
        <translation>用这些设置在新的运行文件夹中训练，并实时绘制曲线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="101"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="103"/>
        <source>Pause after the current step; click again to resume</source>
        <translation>在当前步完成后暂停；再次点击继续</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="105"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="106"/>
        <source>Stop after this step; what was learnt is saved</source>
        <translation>在本步之后停止；已学到的内容会被保存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="150"/>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="162"/>
        <source>Loading the data and building the model…</source>
        <translation>正在加载数据并构建模型…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="183"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="193"/>
        <source>{0} on {1}: {2} images, {3} steps per epoch</source>
        <translation>{0}，设备 {1}：{2} 张图像，每轮 {3} 步</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="205"/>
        <source>Epoch {0} · step {1} · {2}</source>
        <translation>第 {0} 轮 · 第 {1} 步 · {2}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="215"/>
        <source>{0}: {1} steps</source>
        <translation>{0}：{1} 步</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="223"/>
        <source>Training {0}</source>
        <translation>训练{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="227"/>
        <source>Training failed: {0}</source>
        <translation>训练失败：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/task_train_page.py" line="229"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <location filename="../../ui/widgets/thumbnail_strip.py" line="181"/>
        <source>{path}
Cannot show this image: {reason}</source>
        <translation>{path}
无法显示此图像：{reason}</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ui/widgets/thumbnail_strip.py" line="270"/>
        <source>Images of the folder: click one, or use the arrow keys, to open it</source>
        <translation>文件夹中的图像：单击或用方向键选择即可打开</translation>
    </message>
</context>
<context>
    <name>TopKBars</name>
    <message>
        <location filename="../../ui/widgets/topk_bars.py" line="22"/>
        <source>The most likely classes for this image and the model&apos;s probability for each</source>
        <translation>此图像最可能的类别，以及模型给出的各类别概率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/topk_bars.py" line="56"/>
        <source>No prediction yet</source>
        <translation>尚无预测</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="41"/>
        <source>Built-in shapes (no download)</source>
        <translation>内置形状数据集（无需下载）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="42"/>
        <source>Folder of class folders…</source>
        <translation>按类别分文件夹的数据…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="43"/>
        <source>MNIST (torchvision)</source>
        <translation>MNIST（torchvision）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="44"/>
        <source>Fashion-MNIST (torchvision)</source>
        <translation>Fashion-MNIST（torchvision）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="45"/>
        <source>CIFAR-10 (torchvision)</source>
        <translation>CIFAR-10（torchvision）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="96"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="101"/>
        <source>Where the training images come from</source>
        <translation>训练图像的来源</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="104"/>
        <source>a folder with one sub-folder per class</source>
        <translation>每类一个子文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="106"/>
        <source>root/&lt;class&gt;/*.jpg; with train/ val/ test/ sub-folders those splits are used</source>
        <translation>root/&lt;class&gt;/*.jpg（每个类别一个子文件夹）；若有 train/ val/ test/ 子文件夹，则使用这些划分</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="108"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="109"/>
        <source>Choose the folder of class folders in a file dialog</source>
        <translation>在文件对话框中选择包含各类别子文件夹的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="118"/>
        <source>Synthetic images generated for training</source>
        <translation>为训练生成的合成图像数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="122"/>
        <source>Synthetic images generated for validation</source>
        <translation>为验证生成的合成图像数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="123"/>
        <source>Download if not cached (needs a network)</source>
        <translation>未缓存时下载（需要网络）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="125"/>
        <source>Fetch the torchvision data set from the internet when it is not on this computer yet</source>
        <translation>当本机尚无该 torchvision 数据集时从网络下载</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="128"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="129"/>
        <source>The Preprocess tab&apos;s pipeline</source>
        <translation>“预处理”标签页的流水线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="130"/>
        <source>Pipeline file…</source>
        <translation>流水线文件…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="132"/>
        <source>Random ranges in the pipeline make every epoch see new variants of the images</source>
        <translation>流水线中的随机范围让每一轮都能看到图像的新变体</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="135"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="136"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="137"/>
        <source>Train images</source>
        <translation>训练图像数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="138"/>
        <source>Validation images</source>
        <translation>验证图像数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="140"/>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="144"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="147"/>
        <source>loading models…</source>
        <translation>正在加载模型列表…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="149"/>
        <source>The network to train; each entry&apos;s tooltip describes it</source>
        <translation>要训练的网络；每一项的提示中有说明</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="151"/>
        <source>The article&apos;s CNN on shapes</source>
        <translation>文章中的 CNN（形状数据集）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="153"/>
        <source>Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-Dense5 on the built-in shapes at 64×64; then Start</source>
        <translation>在 64×64 的内置形状数据集上训练 Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-Dense5；然后点击“开始”</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="160"/>
        <source>Images are resized to this square side</source>
        <translation>图像会缩放为此边长的正方形</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="162"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="163"/>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="164"/>
        <source>Colour planes the network sees; Grayscale converts every image</source>
        <translation>网络看到的颜色通道；选择灰度会转换每张图像</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="165"/>
        <source>Start from ImageNet weights when available</source>
        <translation>可用时从 ImageNet 预训练权重开始</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="167"/>
        <source>Begin with weights learnt on ImageNet (transfer learning) instead of random ones</source>
        <translation>从在 ImageNet 上学到的权重开始（迁移学习），而不是随机权重</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="169"/>
        <source>Architecture</source>
        <translation>网络架构</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="171"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="172"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="177"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="181"/>
        <source>How many times training goes through all the training images</source>
        <translation>训练遍历全部训练图像的次数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="185"/>
        <source>Images per weight update; larger batches need more memory and can train faster</source>
        <translation>每次更新权重所用的图像数；批越大占用内存越多，训练可能越快</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="188"/>
        <source>SGD + momentum</source>
        <translation>SGD + 动量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="190"/>
        <source>The rule that updates the weights from the gradients</source>
        <translation>根据梯度更新权重的规则</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="196"/>
        <source>Size of each weight update: too high and training diverges, too low and it crawls</source>
        <translation>每次权重更新的幅度：太大训练会发散，太小则进展缓慢</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="200"/>
        <source>Cosine</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="201"/>
        <source>One-cycle</source>
        <translation>单周期（One-cycle）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="202"/>
        <source>Step ÷10</source>
        <translation>阶梯 ÷10</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="203"/>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="206"/>
        <source>How the learning rate changes from epoch to epoch</source>
        <translation>学习率在各轮之间如何变化</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="209"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="210"/>
        <source>Stop after this many epochs without a better validation accuracy</source>
        <translation>验证准确率连续这么多轮没有提升后停止训练</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="214"/>
        <source>Starts the random numbers (weights, shuffling, synthetic images): same seed, same run</source>
        <translation>随机数的起点（权重、打乱顺序、合成图像）：种子相同，运行结果相同</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="217"/>
        <source>Auto (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="219"/>
        <source>GPUs appear here when PyTorch finds one</source>
        <translation>PyTorch 检测到 GPU 时会在此列出</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="220"/>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="221"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="222"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="223"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="224"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="225"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="226"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="227"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="231"/>
        <source>Runs</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="235"/>
        <source>Each run gets a new dated folder here: config, metrics, model files</source>
        <translation>每次运行都会在此新建一个带日期的文件夹：配置、指标和模型文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="236"/>
        <source>Runs folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="285"/>
        <source>choose the folder of class folders to train on</source>
        <translation>请选择用于训练的、按类别分文件夹的数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="366"/>
        <source>Augmentation pipeline</source>
        <translation>数据增强流水线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="366"/>
        <source>Pipeline (*.json)</source>
        <translation>流水线 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="376"/>
        <source>Cannot use this pipeline</source>
        <translation>无法使用此流水线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="381"/>
        <source>Augmentation: {0}</source>
        <translation>数据增强：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="390"/>
        <source>The article&apos;s CNN on the built-in shapes at 64×64: press Start</source>
        <translation>文章中的 CNN，使用 64×64 的内置形状数据集：请点击“开始”</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="399"/>
        <source>Folder of class folders</source>
        <translation>按类别分文件夹的数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="406"/>
        <source>models unavailable</source>
        <translation>模型不可用</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/train_form.py" line="407"/>
        <source>Cannot list the models</source>
        <translation>无法列出模型</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../ui/tabs/train.py" line="49"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="50"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="51"/>
        <source>stopped early</source>
        <translation>已早停</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="117"/>
        <source>Save config…</source>
        <translation>保存配置…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="118"/>
        <source>Save these settings as JSON for `imgstudio train --config`</source>
        <translation>将这些设置保存为 JSON，供 `imgstudio train --config` 使用</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="120"/>
        <source>Load config…</source>
        <translation>加载配置…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="121"/>
        <source>Fill the form from a saved configuration</source>
        <translation>用已保存的配置填写表单</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="123"/>
        <source>Copy CLI command</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="124"/>
        <source>The `imgstudio train` command that runs these settings headless</source>
        <translation>以这些设置在无界面环境下运行的 `imgstudio train` 命令</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="126"/>
        <source>Preview training images…</source>
        <translation>预览训练图像…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="127"/>
        <source>A grid of training images as the model will see them</source>
        <translation>以网格显示模型将看到的训练图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="143"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="146"/>
        <location filename="../../ui/tabs/train.py" line="520"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="147"/>
        <source>Pause after the current step; click again to resume</source>
        <translation>在当前步完成后暂停；再次点击继续</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="149"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="150"/>
        <source>Stop after the current step; the weights so far are saved</source>
        <translation>在当前步完成后停止；已训练的权重会保存</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="152"/>
        <source>Continue a run…</source>
        <translation>继续训练运行…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="153"/>
        <source>Continue a stopped or finished run from its last checkpoint</source>
        <translation>从最后一个检查点继续已停止或已完成的训练运行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="155"/>
        <source>Use in Classify</source>
        <translation>用于分类</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="156"/>
        <source>Open this run&apos;s best model in the Classify tab</source>
        <translation>在“分类”标签页中打开本次运行的最佳模型</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="165"/>
        <source>Not running</source>
        <translation>未在运行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="169"/>
        <source>Overlay another run&apos;s epoch curves, dashed</source>
        <translation>以虚线叠加另一次运行的逐轮曲线</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="172"/>
        <source>Compare with:</source>
        <translation>对比：</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="177"/>
        <source>What the run reports: device, data, each epoch, the result</source>
        <translation>运行的报告：设备、数据、每一轮和最终结果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="216"/>
        <source>Cannot start training</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="230"/>
        <source>Cannot continue this run</source>
        <translation>无法继续此训练运行</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="238"/>
        <source>Run folder to continue</source>
        <translation>要继续的运行文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="255"/>
        <source>Preparing the data and the model…</source>
        <translation>正在准备数据和模型…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="256"/>
        <source>Continuing {0}</source>
        <translation>继续 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="256"/>
        <source>Starting {0}</source>
        <translation>开始 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="267"/>
        <source>Training resumed</source>
        <translation>训练已继续</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="270"/>
        <source>Training paused</source>
        <translation>训练已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="278"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="296"/>
        <source>{0}: {1} parameters on {2}</source>
        <translation>{0}：{1} 个参数，运行于 {2}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="297"/>
        <source>data: {0} training / {1} validation images; classes: {2}</source>
        <translation>数据：{0} 张训练图像 / {1} 张验证图像；类别：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="300"/>
        <source>run folder: {0}</source>
        <translation>运行文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="303"/>
        <source>note: {0}</source>
        <translation>注意：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="323"/>
        <source>epoch {0}/{1}</source>
        <translation>第 {0}/{1} 轮</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="324"/>
        <source>step {0}/{1}</source>
        <translation>第 {0}/{1} 步</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="325"/>
        <source>loss {0}</source>
        <translation>损失 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="326"/>
        <source>{0} images/s</source>
        <translation>{0} 张/秒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="327"/>
        <source>ETA {0}</source>
        <translation>预计剩余 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="330"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="336"/>
        <source>epoch {0}: loss {1} acc {2}  val_loss {3} val_acc {4}  {5} img/s</source>
        <translation>第 {0} 轮：损失 {1} 准确率 {2}  验证损失 {3} 验证准确率 {4}  {5} 张/秒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="350"/>
        <source>Run {0}: {1} epoch(s) of {2}</source>
        <translation>训练运行{0}：已训练 {1}/{2} 轮</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="354"/>
        <source>, best {0} {1} (epoch {2})</source>
        <translation>，最佳{0} {1}（第 {2} 轮）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="363"/>
        <location filename="../../ui/tabs/train.py" line="366"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="364"/>
        <source>error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="380"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="384"/>
        <source>{0} — {1}, {2} epochs</source>
        <translation>{0} — {1}，{2} 轮</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="385"/>
        <source>, val acc {0}</source>
        <translation>，验证准确率 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="401"/>
        <source>{0} has no finished epoch to compare with</source>
        <translation>{0} 没有可供对比的已完成轮次</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="411"/>
        <location filename="../../ui/tabs/train.py" line="422"/>
        <source>Cannot save the configuration</source>
        <translation>无法保存配置</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="415"/>
        <source>Save training configuration</source>
        <translation>保存训练配置</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="415"/>
        <location filename="../../ui/tabs/train.py" line="429"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="424"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="429"/>
        <source>Training configuration</source>
        <translation>训练配置</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="435"/>
        <source>Cannot load the configuration</source>
        <translation>无法加载配置</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="438"/>
        <source>Loaded {0}</source>
        <translation>已加载 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="446"/>
        <source>Cannot make the command</source>
        <translation>无法生成命令</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="460"/>
        <source>Copied: {0}</source>
        <translation>已复制：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="469"/>
        <location filename="../../ui/tabs/train.py" line="475"/>
        <source>Cannot preview</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="480"/>
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="484"/>
        <source>Training images as the model sees them</source>
        <translation>模型所看到的训练图像</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="511"/>
        <source>Train with these settings in a new run folder (Ctrl+Return)</source>
        <translation>以这些设置在新的运行文件夹中训练（Ctrl+Return）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="513"/>
        <source>Waiting for the model list</source>
        <translation>正在等待模型列表</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/train.py" line="520"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="80"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="81"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="81"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="82"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="82"/>
        <source>fraction correct</source>
        <translation>正确比例</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="84"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="84"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="96"/>
        <source>train (steps)</source>
        <translation>训练（逐步）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="96"/>
        <source>train (epoch)</source>
        <translation>训练（逐轮）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="96"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="108"/>
        <source>Mouse wheel zooms, drag pans; right-click a plot&apos;s corner &apos;A&apos; to fit again</source>
        <translation>鼠标滚轮缩放，拖动平移；右键单击图表角落的“A”可重新适应</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="177"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/training_curves.py" line="177"/>
        <source>val</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>TrainingSession</name>
    <message>
        <location filename="../../ui/training.py" line="153"/>
        <source>training ended without a result</source>
        <translation>训练结束但没有结果</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="30"/>
        <source>Welcome to imgstudio</source>
        <translation>欢迎使用 imgstudio</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="31"/>
        <source>&lt;h2&gt;Welcome to imgstudio&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;欢迎使用 imgstudio&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>imgstudio prepares images and trains, tests and explains neural networks on them, without writing code. A sample photo is open in the &lt;b&gt;Preprocess&lt;/b&gt; tab: add operations on the right and compare the result with the original. The other tabs train, classify, recognise, generate and explain.</source>
        <translation type="vanished">imgstudio 无需编写代码即可预处理图像，并在其上训练、测试和解释神经网络。&lt;b&gt;预处理&lt;/b&gt;标签页中已打开一张示例照片：在右侧添加操作，并将结果与原图对比。其他标签页用于训练、分类、识别、生成和解释。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="34"/>
        <source>imgstudio prepares images and trains, tests and explains neural networks on them, without writing code. The &lt;b&gt;Preprocess&lt;/b&gt; tab opens on a sample photo: add operations on the right and compare the result with the original. The other tabs train, classify, recognise, generate and explain.</source>
        <translation>imgstudio 无需编写代码即可预处理图像，并在其上训练、测试和解释神经网络。&lt;b&gt;预处理&lt;/b&gt;标签页启动时会打开一张示例照片：在右侧添加操作，并将结果与原图对比。其他标签页用于训练、分类、识别、生成和解释。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="41"/>
        <source>Instructor demo: the article&apos;s CNN on shapes</source>
        <translation>教学演示：文章中的 CNN 识别形状</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="42"/>
        <source>Fill in the Train tab with the article&apos;s CNN on the built-in shapes</source>
        <translation>在“训练”标签页填入文章中的 CNN 和内置形状数据</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="45"/>
        <source>Open an image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="46"/>
        <source>Choose an image of your own to open in the Preprocess tab</source>
        <translation>选择一张自己的图像在“预处理”标签页中打开</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="48"/>
        <source>Show at start-up</source>
        <translation>启动时显示</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="51"/>
        <source>Show this window the next time imgstudio starts; Help → Welcome… opens it at any time</source>
        <translation>下次启动 imgstudio 时显示此窗口；随时可通过“帮助 → 欢迎…”打开</translation>
    </message>
</context>
<context>
    <name>_FolderField</name>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="73"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/batch_dialog.py" line="74"/>
        <source>Choose the folder in a file dialog</source>
        <translation>在文件对话框中选择文件夹</translation>
    </message>
</context>
</TS>
