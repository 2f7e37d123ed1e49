<?php echo "not at the root";
